using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Rectification;

/// <summary>
/// Two reports written for the extraction tests (not copied from real ones): problems inside a self-criticism paragraph with as
/// many measures, and problems with fewer measures plus a paragraph that admits shortcomings without listing them.
/// </summary>
public static class ExtractTexts
{
    public const string Paired = """
        2030年，党组坚持以习近平新时代中国特色社会主义思想为指导，认真落实全面从严治党主体责任，现将有关情况报告如下。
        一、履行主体责任情况
        （一）加强政治建设。党组全年专题研究全面从严治党工作6次，一是制定主体责任清单，二是落实“第一议题”制度。
        二、存在的不足和下一步打算
        一年来，我们的工作取得了一定成效，但对照新时代党的建设总要求，还存在一定差距。一是理论学习的系统性不够，学用结合还不紧密。二是基层党组织建设不平衡，个别支部“三会一课”质量不高。三是审判执行领域廉政风险防控还存在薄弱环节。
        下一步，党组将坚持问题导向，持续推进全面从严治党向纵深发展。一是完善党组理论学习中心组学习制度，推动学用结合。二是开展支部建设提升行动，规范“三会一课”。三是健全审判执行领域廉政风险防控机制，加强日常监督。
        """;

    public const string Unpaired = """
        2031年，党组认真落实全面从严治党主体责任，现将有关情况报告如下。
        一、履行主体责任情况
        针对巡察反馈的问题，党组一是建立整改台账，二是逐项对账销号。
        在基层党建方面，虽然取得了一些成绩，但在党建与业务融合创新等方面还有一定不足。
        二、存在的问题
        经过认真查摆，主要存在以下问题：（一）落实民主集中制还不够规范，个别事项会前酝酿不充分；（二）对派出法庭的监督还有薄弱环节；（三）干部教育培训针对性不强。
        三、下一步打算
        （一）严格执行党组议事规则，重大事项会前充分酝酿。
        （二）建立对派出法庭的常态化监督机制。
        """;

    /// <summary>Creates a draft of 市海事法院 with <paramref name="body"/> in a year of its own; returns its id.</summary>
    public static async Task<Guid> DraftAsync(AppFactory app, string body)
    {
        var drafter = await app.SharedClientAsync("drafter.haishi");
        var year = app.NextYear(DemoUnit.Haishi);
        var report = await drafter.PostJsonAsync("/api/reports", new { title = $"中共市海事法院党组关于{year}年度落实全面从严治党主体责任情况的报告", year, body })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);
        return report.Id;
    }
}
