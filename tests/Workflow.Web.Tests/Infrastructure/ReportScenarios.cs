using System.Net;

namespace Workflow.Web.Tests.Infrastructure;

/// <summary>Puts reports into a given state through the API, as the demo users of the unit would.</summary>
public static class ReportScenarios
{
    public const string Body = "一、履行主体责任情况\n党组认真落实全面从严治党主体责任。\n二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论学习。";

    /// <summary>A new report of <paramref name="unit"/> that has reached <paramref name="status"/> (Returned: by the secretary).</summary>
    public static async Task<ApiContract.ReportDto> CreateReportAsync(this AppFactory app, DemoUnit unit, string status)
    {
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var year = app.NextYear(unit);
        var report = await drafter.PostJsonAsync("/api/reports", new { title = $"中共{unit.Name}党组关于{year}年度落实全面从严治党主体责任情况的报告", year, body = Body })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);
        var url = $"/api/reports/{report.Id}";
        string[] path = status switch
        {
            "Draft" => [],
            "SecretaryReview" => ["submit"],
            "Returned" => ["submit", "return"],
            "DisciplineReview" => ["submit", "approve:secretary"],
            "CommitteeReview" => ["submit", "approve:secretary", "approve:inspector"],
            "Approved" => ["submit", "approve:secretary", "approve:inspector", "approve:committee"],
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };
        foreach (var step in path)
        {
            var (client, action, body) = step switch
            {
                "submit" => (drafter, "submit", (object?)null),
                "return" => (await app.SharedClientAsync(unit.Secretary), "return", new { comment = "请补充问题清单。" }),
                "approve:secretary" => (await app.SharedClientAsync(unit.Secretary), "approve", new { comment = "同意。" }),
                "approve:inspector" => (await app.SharedClientAsync(unit.Inspector), "approve", null),
                _ => (await app.SharedClientAsync(DemoUnit.Committee), "approve", new { comment = "审核通过。" }),
            };
            report = await client.PostJsonAsync($"{url}/{action}", body).ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        }
        Assert.Equal(status, report.Status);
        return report;
    }
}
