using System.Net;
using System.Text.Json;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Rectification;

/// <summary>
/// 问题反弹 on 市科协: a report of one year whose problem became item KX-{year}-001, and a report of the next year that lists the
/// same problem again (edited) beside an unrelated new one, both made items too. Built once per factory through the API, as the
/// drafter would. (The demo's KX-2025-001 “理论学习的系统性还不够强，个别支部学用结合不紧密” resembles the problem as well.)
/// </summary>
public sealed record RecurrenceScenario(int EarlierYear, int LaterYear, Guid EarlierItemId, string EarlierCode, Guid LaterReportId,
    Guid LaterItemId)
{
    public const string EarlierProblem = "党组理论学习中心组学习不够深入，学用结合不紧密，运用党的创新理论指导实践、推动工作的能力还有待提高。";
    public const string LaterProblem = "党组理论学习中心组学习还不够深入，学用结合不够紧密，运用党的创新理论推动工作的能力有待提高。";
    public const string NewProblem = "政府采购程序执行不严格，个别项目未按规定进行询价。";

    private static string Body(params string[] problems) =>
        "一、履行主体责任情况\n党组认真落实全面从严治党主体责任。\n二、存在的问题\n" +
        string.Concat(problems.Select((p, k) => "一二三"[k] + "是" + p)) + "\n三、下一步打算\n一是深化理论学习。二是规范政府采购。";

    public static Task<RecurrenceScenario> OnceAsync(AppFactory app) => app.OnceAsync("recurrence-kexie", async () =>
    {
        var drafter = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);
        var earlier = await CreateReportAsync(app, drafter, Body(EarlierProblem));
        var item = JsonDocument.Parse(await (await drafter.PostJsonAsync("/api/rectifications", new { reportId = earlier.Id, problem = EarlierProblem })
            .ExpectAsync(HttpStatusCode.Created)).Content.ReadAsStringAsync()).RootElement;
        var later = await CreateReportAsync(app, drafter, Body(LaterProblem, NewProblem));
        var again = JsonDocument.Parse(await (await drafter.PostJsonAsync("/api/rectifications", new { reportId = later.Id, problem = LaterProblem })
            .ExpectAsync(HttpStatusCode.Created)).Content.ReadAsStringAsync()).RootElement;
        await drafter.PostJsonAsync("/api/rectifications", new { reportId = later.Id, problem = NewProblem }).ExpectAsync(HttpStatusCode.Created);
        return new RecurrenceScenario(earlier.Year, later.Year, item.GetProperty("id").GetGuid(), item.GetProperty("code").GetString()!, later.Id,
            again.GetProperty("id").GetGuid());
    });

    private static Task<ApiContract.ReportDto> CreateReportAsync(AppFactory app, HttpClient drafter, string body)
    {
        var year = app.NextYear(DemoUnit.Kexie);
        return drafter.PostJsonAsync("/api/reports", new { title = $"中共市科协党组关于{year}年度落实全面从严治党主体责任情况的报告", year, body })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);
    }
}
