using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Calendar;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Reports;

namespace Workflow.Host.Tests.Reports;

/// <summary>
/// 全部报告: Chinese substring search over title and text (trigram index from three characters, LIKE below), filters, sort,
/// paging and the overdue mark, identical on SQLite and PostgreSQL, and never a report of a unit the user does not cover.
/// </summary>
public abstract class ReportSearchTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    private const int Year = 2040;

    protected TFixture Fixture => fixture;

    private static async Task<ReportListPage> FindAsync(HostFixture fixture, string userName, ReportQuery query)
    {
        var user = await fixture.UserAsync(userName);
        await using var scope = fixture.Scope();
        return await scope.ServiceProvider.GetRequiredService<ReportFinder>().FindAsync(user, query);
    }

    private async Task<Report> WriteAsync(string drafter, int year, string title, string body)
    {
        var user = await fixture.UserAsync(drafter);
        return await fixture.ReportsAsync(s => s.CreateAsync(user, title, year, body));
    }

    private async Task<(Report Kexie, Report Shengtai)> TwoReportsAsync(int year)
    {
        if (await FindAsync(fixture, "committee.gongwei", new ReportQuery(Year: year)) is { Total: 2 } existing)
            return (await fixture.ReloadAsync(existing.Rows.Single(r => r.UnitName == "市科协").Id),
                await fixture.ReloadAsync(existing.Rows.Single(r => r.UnitName != "市科协").Id));
        var kexie = await WriteAsync("drafter.kexie", year, $"市科协{year}年度主体责任报告",
            "一、履行主体责任情况\n推行网格化监督机制，完成率100%。ABC-Trigram 试点。<script>alert(1)</script>落实谈心谈话制度。");
        var shengtai = await WriteAsync("drafter.shengtai", year, $"生态环境局{year}年度网格化管理报告",
            "一、履行主体责任情况\n深化网格化管理，压实监督责任。");
        return (kexie, shengtai);
    }

    [Theory]
    [InlineData("网格化", new[] { "Kexie", "Shengtai" })]
    [InlineData("网格化监督机制", new[] { "Kexie" })]
    [InlineData("网格", new[] { "Kexie", "Shengtai" })]
    [InlineData("谈", new[] { "Kexie" })]
    [InlineData("监督", new[] { "Kexie", "Shengtai" })]
    [InlineData("abc-trigram", new[] { "Kexie" })]
    [InlineData("aBc", new[] { "Kexie" })]
    [InlineData("ab", new[] { "Kexie" })]
    [InlineData("100%", new[] { "Kexie" })]
    [InlineData("%", new[] { "Kexie" })]
    [InlineData("_", new string[0])]
    [InlineData("不存在的词语", new string[0])]
    public async Task Search_finds_a_substring_of_title_or_text_in_Chinese_ignoring_case_with_short_and_long_queries_alike(string q, string[] units)
    {
        await TwoReportsAsync(Year);

        var found = await FindAsync(fixture, "committee.gongwei", new ReportQuery(q, Year: Year));

        Assert.Equal(units.Select(HostScenarios.DemoUnitId).Order(), found.Rows.Select(r => r.UnitId).Order());
        Assert.Equal(units.Length, found.Total);
    }

    [Theory]
    [InlineData("drafter.shengtai", new[] { "Shengtai" })]
    [InlineData("inspector.team1", new[] { "Kexie", "Shengtai" })]
    [InlineData("inspector.team2", new string[0])]
    [InlineData("secretary.kexie", new[] { "Kexie" })]
    [InlineData("admin", new string[0])]
    public async Task Another_units_report_never_matches(string userName, string[] units)
    {
        await TwoReportsAsync(Year);

        foreach (var q in new[] { "网格化", "网格", "监督" })
        {
            var found = await FindAsync(fixture, userName, new ReportQuery(q, Year: Year));
            Assert.Equal(units.Select(HostScenarios.DemoUnitId).Order(), found.Rows.Select(r => r.UnitId).Order());
        }
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("网格*")]
    [InlineData("*")]
    [InlineData("NEAR(网格 监督)")]
    [InlineData("网格 OR 监督")]
    [InlineData("a\" OR \"b")]
    [InlineData("(((")]
    [InlineData("))")]
    [InlineData("^网格")]
    [InlineData("Title:网格")]
    [InlineData("\\")]
    [InlineData("'; DROP TABLE \"Reports\"; --")]
    [InlineData("😀😀")]
    public async Task Search_syntax_is_taken_literally_and_never_fails(string q)
    {
        await TwoReportsAsync(Year);

        var found = await FindAsync(fixture, "committee.gongwei", new ReportQuery(q, Year: Year));

        Assert.Empty(found.Rows);
    }

    [Fact]
    public async Task A_very_long_query_is_cut_to_the_limit_and_still_searched()
    {
        await TwoReportsAsync(Year);

        var found = await FindAsync(fixture, "committee.gongwei", new ReportQuery(new string('网', 10_000), Year: Year));
        var longMatch = await FindAsync(fixture, "committee.gongwei",
            new ReportQuery("网格化监督机制" + new string(' ', 5000) + "x", Year: Year));

        Assert.Empty(found.Rows);
        Assert.Equal(ReportFinder.MaxQueryLength, found.Text!.Length);
        Assert.Equal("网格化监督机制", longMatch.Text![..7]);
        Assert.Equal("市科协", Assert.Single(longMatch.Rows).UnitName);
        // A character outside the BMP is never cut in half at the limit.
        Assert.Equal("a" + string.Concat(Enumerable.Repeat("😀", 49)), ReportQuery.Normalize("a" + string.Concat(Enumerable.Repeat("😀", 100))));
        // A NUL (refused by PostgreSQL in text) is dropped, the rest searched.
        Assert.Equal(2, (await FindAsync(fixture, "committee.gongwei", new ReportQuery("\u0000网格", Year: Year))).Total);
    }

    [Fact]
    public async Task The_index_follows_an_edit_in_the_same_save()
    {
        var (kexie, _) = await TwoReportsAsync(Year);
        var drafter = await fixture.UserAsync("drafter.kexie");
        var report = await WriteAsync("drafter.kexie", Year + 1, "市科协草稿", "落实意识形态工作责任制。");

        await fixture.ReportsAsync(s => s.EditAsync(drafter, report.Id, "市科协草稿", "健全廉政风险防控体系。"));

        Assert.Empty((await FindAsync(fixture, "drafter.kexie", new ReportQuery("意识形态", Year: Year + 1))).Rows);
        Assert.Equal(report.Id, Assert.Single((await FindAsync(fixture, "drafter.kexie", new ReportQuery("廉政风险防控", Year: Year + 1))).Rows).Id);
        Assert.Equal(report.Id, Assert.Single((await FindAsync(fixture, "drafter.kexie", new ReportQuery("廉政", Year: Year + 1))).Rows).Id);
        Assert.NotEqual(kexie.Id, report.Id);
    }

    [Fact]
    public async Task A_result_shows_where_it_matched_escaped_and_marked()
    {
        var (kexie, shengtai) = await TwoReportsAsync(Year);

        var found = await FindAsync(fixture, "committee.gongwei", new ReportQuery("谈心", Year: Year));
        var row = Assert.Single(found.Rows);

        Assert.Equal(kexie.Id, row.Id);
        Assert.Null(row.TitleMatch);
        Assert.Equal("…C-Trigram 试点。&lt;script&gt;alert(1)&lt;/script&gt;落实<mark>谈心</mark>谈话制度。", row.Snippet!.Html);

        var titleHit = Assert.Single((await FindAsync(fixture, "committee.gongwei", new ReportQuery("网格化管理", Year: Year))).Rows);
        Assert.Equal(shengtai.Id, titleHit.Id);
        Assert.Equal($"生态环境局{Year}年度<mark>网格化管理</mark>报告", titleHit.TitleMatch!.Html);
    }

    [Fact]
    public async Task A_title_match_ranks_before_a_match_in_the_text_only()
    {
        var year = Year + 2;
        var titled = await WriteAsync("drafter.kexie", year, "市科协清廉机关建设报告", "一、履行主体责任情况");
        // Changed later, so it would come first without ranking.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var inText = await WriteAsync("drafter.shengtai", year, "生态环境局年度报告", "推进清廉机关建设。");

        var found = await FindAsync(fixture, "committee.gongwei", new ReportQuery("清廉机关", Year: year));
        var byUpdate = await FindAsync(fixture, "committee.gongwei", new ReportQuery("清廉机关", Year: year, Sort: "updated"));

        Assert.Equal(ReportSort.Relevance, found.Sort);
        Assert.Equal([titled.Id, inText.Id], found.Rows.Select(r => r.Id));
        Assert.Equal([inText.Id, titled.Id], byUpdate.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Filters_sort_and_pages_combine()
    {
        await TwoReportsAsync(Year);

        var demo2026 = await FindAsync(fixture, "committee.gongwei", new ReportQuery(Year: 2026, Sort: "unit", PageSize: 4));
        var second = await FindAsync(fixture, "committee.gongwei", new ReportQuery(Year: 2026, Sort: "unit", PageSize: 4, Page: 2));
        var past = await FindAsync(fixture, "committee.gongwei", new ReportQuery(Year: 2026, Sort: "unit", PageSize: 4, Page: 9));
        var clamped = await FindAsync(fixture, "committee.gongwei", new ReportQuery(Year: 2026, Sort: "unit", PageSize: 4, Page: 9, LastPageWhenPast: true));
        var kexie = await FindAsync(fixture, "committee.gongwei", new ReportQuery(UnitId: HostScenarios.DemoUnitId("Kexie"), Year: 2026));
        var approved = await FindAsync(fixture, "committee.gongwei", new ReportQuery(Status: ReportStatus.Approved));
        var byStatus = await FindAsync(fixture, "committee.gongwei", new ReportQuery(Year: 2026, Sort: "status"));

        // The demo's 2026 reports: six units have one (市机关事务管理局 has none).
        Assert.Equal(6, demo2026.Total);
        Assert.Equal((4, 2, 2), (demo2026.Rows.Count, second.Rows.Count, demo2026.PageCount));
        var names = demo2026.Rows.Concat(second.Rows).Select(r => r.UnitName).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names, StringComparer.Ordinal);
        Assert.Empty(past.Rows);
        Assert.Equal(2, clamped.Page);
        Assert.Equal(second.Rows.Select(r => r.Id), clamped.Rows.Select(r => r.Id));
        Assert.Equal("市科协", Assert.Single(kexie.Rows).UnitName);
        Assert.NotEmpty(approved.Rows);
        Assert.All(approved.Rows, r => Assert.Equal(ReportStatus.Approved, r.Status));
        var ranks = byStatus.Rows.Select(r => Array.IndexOf(
            [ReportStatus.Draft, ReportStatus.Returned, ReportStatus.SecretaryReview, ReportStatus.DisciplineReview, ReportStatus.CommitteeReview, ReportStatus.Approved],
            r.Status)).ToList();
        Assert.Equal(ranks.Order(), ranks);
        await Assert.ThrowsAsync<WorkflowRuleException>(() => FindAsync(fixture, "committee.gongwei", new ReportQuery(Sort: "title; drop")));
    }

    [Fact]
    public async Task A_row_names_who_holds_its_step()
    {
        var rows = (await FindAsync(fixture, "committee.gongwei", new ReportQuery(Year: 2026))).Rows;

        Assert.Equal("马骏（市直机关工委）", rows.Single(r => r.Status == ReportStatus.CommitteeReview).Holders);
        Assert.Equal("王丽（市科协办公室）", rows.Single(r => r.UnitName == "市科协").Holders);
        Assert.All((await FindAsync(fixture, "committee.gongwei", new ReportQuery(Status: ReportStatus.Approved))).Rows,
            r => Assert.Equal("", r.Holders));
    }

    [Fact]
    public async Task The_overdue_filter_is_the_step_deadline_rule_of_the_reminders()
    {
        var all = (await FindAsync(fixture, "committee.gongwei", new ReportQuery(PageSize: ReportListPage.MaxPageSize))).Rows;
        var overdue = (await FindAsync(fixture, "committee.gongwei", new ReportQuery(Overdue: true, PageSize: ReportListPage.MaxPageSize))).Rows;
        var onTime = (await FindAsync(fixture, "committee.gongwei", new ReportQuery(Overdue: false, PageSize: ReportListPage.MaxPageSize))).Rows;
        var calendar = await fixture.ReadAsync(async db => new WorkingCalendar(await db.CalendarDays.AsNoTracking().ToListAsync()));
        var today = ChinaTime.Today(fixture.Clock);

        Assert.NotEmpty(overdue);
        Assert.NotEmpty(onTime);
        Assert.Equal(all.Select(r => r.Id).Order(), overdue.Concat(onTime).Select(r => r.Id).Order());
        foreach (var row in all)
        {
            var report = await fixture.ReloadAsync(row.Id);
            var late = report.CurrentStep is { } step
                       && StepDeadline.Of(report.StatusSince, step.TimeLimitWorkingDays, today, calendar).Urgency == DeadlineUrgency.Overdue;
            Assert.Equal(late, overdue.Any(r => r.Id == row.Id));
            Assert.Equal(late, row.Overdue);
        }
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class ReportSearchTests(HostFixture fixture) : ReportSearchTestsCases<HostFixture>(fixture)
{
    [Fact]
    public async Task The_bundled_SQLite_has_the_FTS5_trigram_tokenizer()
    {
        var version = await Fixture.ReadAsync(db => db.Database.SqlQuery<string>($"SELECT sqlite_version() AS \"Value\"").SingleAsync());

        Assert.True(Version.Parse(version) >= new Version(3, 34), version);
        Assert.Equal(1, await Fixture.ReadAsync(db => db.Database.SqlQuery<int>(
            $"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name = 'ReportSearch' AND sql LIKE '%trigram%'").SingleAsync()));
    }
}

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class ReportSearchTestsOnPostgreSql(PostgresHostFixture fixture) : ReportSearchTestsCases<PostgresHostFixture>(fixture)
{
    [Fact]
    public async Task Title_and_text_have_pg_trgm_indexes()
    {
        var indexes = await Fixture.ReadAsync(db => db.Database.SqlQuery<string>(
            $"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'Reports' AND indexdef LIKE '%gin_trgm_ops%'").ToListAsync());

        Assert.Equal(2, indexes.Count);
    }
}
