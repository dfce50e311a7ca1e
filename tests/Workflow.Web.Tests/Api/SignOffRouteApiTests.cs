using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>A report travels the whole route through the API as the demo users.</summary>
public abstract class SignOffRouteApiCases
{
    private readonly AppFactory _app;

    protected SignOffRouteApiCases(AppFactory app) => _app = app;

    [Fact]
    public async Task Report_goes_from_drafter_through_every_reviewer_to_approved_with_a_return_on_the_way()
    {
        var drafter = await _app.ClientForAsync("drafter.haishi");
        var secretary = await _app.ClientForAsync("secretary.haishi");
        var inspector = await _app.ClientForAsync("inspector.team2");
        var committee = await _app.ClientForAsync("committee.gongwei");

        var created = await drafter.PostJsonAsync("/api/reports", new { title = "中共市海事法院党组关于2027年度落实全面从严治党主体责任情况的报告", year = 2027, body = "第一段。\n二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论武装。" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var report = await created.ReadAsync<ApiContract.ReportDto>();
        Assert.Equal("Draft", report.Status);
        Assert.Contains("submit", report.AllowedActions);
        var url = $"/api/reports/{report.Id}";

        Assert.Equal("SecretaryReview", (await (await drafter.PostJsonAsync(url + "/submit")).ReadAsync<ApiContract.ReportDto>()).Status);
        Assert.Equal("DisciplineReview", (await (await secretary.PostJsonAsync(url + "/approve", new { comment = "同意" })).ReadAsync<ApiContract.ReportDto>()).Status);

        var returned = await inspector.PostJsonAsync(url + "/return", new { comment = "请补充问题清单。" });
        Assert.Equal("Returned", (await returned.ReadAsync<ApiContract.ReportDto>()).Status);

        var edited = await drafter.PutAsync(url, System.Net.Http.Json.JsonContent.Create(new { title = report.Title, body = report.Body + "\n二是清单已补充。" }));
        Assert.Equal(2, (await edited.ReadAsync<ApiContract.ReportDto>()).Revision);

        // 原路返回: back to the team that returned it, not to the secretary.
        Assert.Equal("DisciplineReview", (await (await drafter.PostJsonAsync(url + "/submit")).ReadAsync<ApiContract.ReportDto>()).Status);
        Assert.Equal("CommitteeReview", (await (await inspector.PostJsonAsync(url + "/approve")).ReadAsync<ApiContract.ReportDto>()).Status);
        Assert.Equal("Approved", (await (await committee.PostJsonAsync(url + "/approve", new { comment = "通过" })).ReadAsync<ApiContract.ReportDto>()).Status);

        var journal = await (await drafter.GetAsync(url + "/journal")).ReadAsync<ApiContract.JournalEntry[]>();
        Assert.Equal(["Created", "Submitted", "Approved", "Returned", "Edited", "Resubmitted", "Approved", "Approved"],
            journal.Select(j => j.Action).ToArray());
        Assert.Equal("请补充问题清单。", journal[3].Comment);
    }
}

[Collection(SharedAppCollection.Name)]
public sealed class SignOffRouteApiTests(AppFactory app) : SignOffRouteApiCases(app);

[Collection(PostgresAppCollection.Name)]
public sealed class SignOffRouteApiTestsOnPostgreSql(PostgresAppFactory app) : SignOffRouteApiCases(app);
