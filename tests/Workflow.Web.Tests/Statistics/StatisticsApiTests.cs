using System.Net;
using ClosedXML.Excel;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Statistics;

/// <summary>GET /api/statistics and its export, and the 统计分析 page: committee every unit, a team its units, others refused.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class StatisticsApiTests(AppFactory app)
{
    public sealed record StepDto(string Step, string StepName, int Decided, double? AverageWorkingDays, int? P90WorkingDays, int Returned, double? ReturnShare);

    public sealed record Unit(Guid UnitId, string UnitName, string Timeliness, int OverdueWorkingDays, int Returns, string? Status, string StatusName);

    public sealed record Rectification(int Total, int Closed, double? ClosureRate);

    public sealed record YearDto(int year, int Reports, int Approved, int ApprovedFirstPass, double? FirstPassRate, IReadOnlyList<StepDto> Steps,
        IReadOnlyList<Unit> Units, Rectification Rectification);

    public sealed record Statistics(IReadOnlyList<YearDto> Years);

    /// <summary>A year in which 市科协's report was returned once by its secretary, then approved all the way.</summary>
    private Task<ApiContract.ReportDto> ApprovedAfterReturnAsync() => app.OnceAsync("statistics-kexie", async () =>
    {
        var report = await app.CreateReportAsync(DemoUnit.Kexie, "Returned");
        var drafter = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);
        await drafter.PostJsonAsync($"/api/reports/{report.Id}/submit").ExpectAsync(HttpStatusCode.OK);
        foreach (var user in new[] { DemoUnit.Kexie.Secretary, DemoUnit.Kexie.Inspector, DemoUnit.Committee })
            await (await app.SharedClientAsync(user)).PostJsonAsync($"/api/reports/{report.Id}/approve").ExpectAsync(HttpStatusCode.OK);
        return report;
    });

    private async Task<YearDto> YearAsync(string user, int year) =>
        Assert.Single((await (await app.SharedClientAsync(user)).GetAsync($"/api/statistics?year={year}")
            .ExpectAsync<Statistics>(HttpStatusCode.OK)).Years);

    [Fact]
    public async Task The_committee_sees_the_unit_its_return_and_the_steps_of_the_year()
    {
        var report = await ApprovedAfterReturnAsync();

        var year = await YearAsync(DemoUnit.Committee, report.Year);

        Assert.Equal(report.Year, year.year);
        var unit = Assert.Single(year.Units, u => u.UnitName == "市科协");
        Assert.Equal((1, "Approved", "已通过"), (unit.Returns, unit.Status, unit.StatusName));
        Assert.Equal(["SecretaryReview", "DisciplineReview", "CommitteeReview"], year.Steps.Select(s => s.Step));
        var secretary = year.Steps[0];
        Assert.True(secretary.Decided >= 2 && secretary.Returned >= 1, $"{secretary}");
        Assert.True(year.Approved >= 1);
        Assert.True(year.ApprovedFirstPass < year.Approved, "a report approved after a return is not a first pass");
    }

    [Fact]
    public async Task An_inspection_team_sees_only_its_units_and_other_roles_are_refused()
    {
        var report = await ApprovedAfterReturnAsync();

        Assert.Contains((await YearAsync("inspector.team1", report.Year)).Units, u => u.UnitName == "市科协");
        var other = await YearAsync("inspector.team2", report.Year);
        Assert.DoesNotContain(other.Units, u => u.UnitName is "市科协" or "生态环境局");
        Assert.All(other.Units, u => Assert.Contains(u.UnitName, new[] { "市海事法院", "市人大常委会机关" }));
        foreach (var user in new[] { DemoUnit.Kexie.Drafter, DemoUnit.Kexie.Secretary, DemoUnit.Admin })
        {
            var client = await app.SharedClientAsync(user);
            await (await client.GetAsync($"/api/statistics?year={report.Year}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await client.GetAsync($"/api/statistics/export?year={report.Year}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Theory]
    [InlineData("", "year-required")]
    [InlineData("?year=1999", "year-invalid")]
    [InlineData("?year=2101", "year-invalid")]
    [InlineData("?from=2030&to=2020", "year-range-invalid")]
    [InlineData("?from=2020&to=2040", "year-range-invalid")]
    [InlineData("?from=1990&to=1995", "year-invalid")]
    [InlineData("?from=2030", "year-range-invalid")]
    [InlineData("?year=2030&from=2029&to=2030", "year-range-invalid")]
    [InlineData("?year=abc", "bad-request")]
    public async Task A_bad_year_or_range_is_a_problem_with_a_Chinese_title(string query, string code)
    {
        var client = await app.SharedClientAsync(DemoUnit.Committee);
        await (await client.GetAsync("/api/statistics" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Year_over_year_gives_every_year_of_the_range_oldest_first()
    {
        var report = await ApprovedAfterReturnAsync();
        var client = await app.SharedClientAsync(DemoUnit.Committee);

        var range = await client.GetAsync($"/api/statistics?from={report.Year - 2}&to={report.Year}").ExpectAsync<Statistics>(HttpStatusCode.OK);

        Assert.Equal([report.Year - 2, report.Year - 1, report.Year], range.Years.Select(y => y.year));
        Assert.Contains(range.Years[^1].Units, u => u.UnitName == "市科协" && u.Returns == 1);
    }

    [Fact]
    public async Task The_export_is_a_workbook_with_one_sheet_per_table_on_the_api_and_the_page()
    {
        var report = await ApprovedAfterReturnAsync();
        var client = await app.SharedClientAsync(DemoUnit.Committee);
        using var session = await PageSession.SignInAsync(app, "inspector.team1");

        foreach (var response in new[] { await client.GetAsync($"/api/statistics/export?year={report.Year}"),
                     await session.GetAsync($"/Statistics?handler=Export&year={report.Year}") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
            using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
            Assert.Equal(["审核环节", "单位报送", "整改情况", "整改概况", "年度对比"], book.Worksheets.Select(s => s.Name));
            Assert.Contains(book.Worksheet("单位报送").RowsUsed(), r => r.Cell(1).GetString() == "市科协" && r.Cell(6).GetValue<int>() == 1);
        }
    }

    [Fact]
    public async Task The_page_shows_each_chart_with_its_table_and_refuses_a_drafter()
    {
        var report = await ApprovedAfterReturnAsync();
        using var team2 = await PageSession.SignInAsync(app, "inspector.team2");
        using var committee = await PageSession.SignInAsync(app, DemoUnit.Committee);
        using var drafter = await PageSession.SignInAsync(app, DemoUnit.Kexie.Drafter);

        var html = await committee.GetDecodedPageAsync($"/Statistics?year={report.Year}");
        foreach (var chart in new[] { "chart-steps", "chart-returns", "chart-submissions", "chart-units", "chart-states", "chart-trend" })
            Assert.Contains($"id=\"{chart}\" role=\"img\" aria-labelledby=\"{chart}-title {chart}-desc\"", html);
        Assert.Contains("<th scope=\"row\" data-label=\"单位\">市科协</th>", html);
        Assert.Contains("统计分析</a>", html);
        Assert.DoesNotContain(">市科协<", await team2.GetDecodedPageAsync($"/Statistics?year={report.Year}"));
        Assert.Contains("年度应在2000至2100之间", await committee.GetDecodedPageAsync("/Statistics?year=1999"));
        Assert.StartsWith("/Account/AccessDenied?", PageSession.RedirectPath(await drafter.GetAsync($"/Statistics?year={report.Year}")));
    }
}
