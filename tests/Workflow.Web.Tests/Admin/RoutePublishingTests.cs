using System.Text.RegularExpressions;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Admin.AdminPages;

namespace Workflow.Web.Tests.Admin;

/// <summary>The admin publishes a route version with new time limits: new reports take it, reports under way keep theirs.</summary>
public sealed class RoutePublishingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Publishing_increments_the_version_and_a_report_in_flight_keeps_its_own()
    {
        var shengtaiSecretary = await app.ClientForAsync("secretary.shengtai");
        var inFlight = (await ReportsAsync(shengtaiSecretary)).Single(r => r.Status == "SecretaryReview");
        Assert.Equal(1, inFlight.RouteVersion);

        using var admin = await PageSession.SignInAsync(app, "admin");
        var routes = await admin.FollowAsync(await admin.PostFormAsync("/Admin/Routes/Publish", Limits(1, "2", "7", "10")), "/Admin/Routes");

        Assert.Contains("已发布流程版本 v2。", routes);
        Assert.Matches("(?s)v2 · .*当前版本", RouteSection(routes, 2));
        Assert.Equal(["2", "7", "10"], TimeLimitsIn(RouteSection(routes, 2)));
        Assert.Equal(["3", "5", "5"], TimeLimitsIn(RouteSection(routes, 1)));

        // The report under way still runs on v1: after the secretary the team has v1's five days, not seven.
        var approved = await (await shengtaiSecretary.PostJsonAsync($"/api/reports/{inFlight.Id}/approve", new { comment = "同意" }))
            .ReadAsync<ApiContract.ReportDto>();
        Assert.Equal(1, approved.RouteVersion);
        Assert.Equal("DisciplineReview", approved.Status);
        Assert.Equal(5, approved.CurrentStep!.TimeLimitWorkingDays);

        // A report created now takes v2.
        var drafter = await app.ClientForAsync("drafter.kexie");
        var created = await (await drafter.PostJsonAsync("/api/reports",
            new { title = "中共市科协党组关于2028年度落实全面从严治党主体责任情况的报告", year = 2028, body = "正文。" })).ReadAsync<ApiContract.ReportDto>();
        Assert.Equal(2, created.RouteVersion);
        var submitted = await (await drafter.PostJsonAsync($"/api/reports/{created.Id}/submit")).ReadAsync<ApiContract.ReportDto>();
        Assert.Equal(2, submitted.CurrentStep!.TimeLimitWorkingDays);
    }

    [Fact]
    public async Task Time_limits_outside_one_to_sixty_working_days_are_refused_beside_the_step()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var version = CurrentVersionIn(await admin.GetDecodedPageAsync("/Admin/Routes/Publish"));

        var page = await PageSession.RefusedAsync(await admin.PostFormAsync("/Admin/Routes/Publish", Limits(version, "0", "abc", "61")));

        Assert.Equal("“党组书记审核”的时限须为1至60个工作日。", PageSession.FieldError(page, "Input.TimeLimits[0]"));
        Assert.Equal("“纪检监察组审核”的时限须为1至60个工作日。", PageSession.FieldError(page, "Input.TimeLimits[1]"));
        Assert.Equal("“市直机关工委审核”的时限须为1至60个工作日。", PageSession.FieldError(page, "Input.TimeLimits[2]"));
        var form = await admin.GetDecodedPageAsync("/Admin/Routes/Publish");
        var unchanged = Enumerable.Range(0, 3).Select(i => PageSession.InputValue(form, $"Input.TimeLimits[{i}]")).ToArray();
        page = await PageSession.RefusedAsync(await admin.PostFormAsync("/Admin/Routes/Publish", Limits(version, unchanged)));
        Assert.Contains("各环节时限与当前版本相同，无需发布新版本。", PageSession.SummaryErrors(page));

        var stale = await PageSession.RefusedAsync(await admin.PostFormAsync("/Admin/Routes/Publish", Limits(version - 1, "4", "4", "4")));
        Assert.Contains($"流程刚刚已发布了新版本 v{version}，请刷新页面，在最新版本基础上修改。", PageSession.SummaryErrors(stale));
        Assert.Equal(version, CurrentVersionIn(await admin.GetDecodedPageAsync("/Admin/Routes/Publish")));
    }

    private static Dictionary<string, string?> Limits(int basedOn, params string[] days)
    {
        var form = new Dictionary<string, string?> { ["Input.BasedOnVersion"] = basedOn.ToString() };
        for (var i = 0; i < days.Length; i++) form[$"Input.TimeLimits[{i}]"] = days[i];
        return form;
    }

    private static int CurrentVersionIn(string publishForm) => int.Parse(PageSession.InputValue(publishForm, "Input.BasedOnVersion"));

    private static string RouteSection(string html, int version)
    {
        var match = Regex.Match(html, $"""<section class="card" data-version="{version}">(.*?)</section>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"version {version} is not listed");
        return match.Groups[1].Value;
    }

    private static string[] TimeLimitsIn(string section) =>
        Regex.Matches(section, """<td class="time-limit">(\d+)</td>""").Select(m => m.Groups[1].Value).ToArray();
}
