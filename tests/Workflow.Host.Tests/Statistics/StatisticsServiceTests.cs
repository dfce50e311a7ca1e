using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Checks;
using Workflow.Activities.Statistics;
using Workflow.Host.Cycles;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Seeding;
using Workflow.Host.Statistics;
using Workflow.Tests.Shared;

namespace Workflow.Host.Tests.Statistics;

/// <summary>The demo organisation with every check a warning, so a short test text may reach the committee.</summary>
public class StatisticsFixture : HostFixture
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?> { ["Demo:Seed"] = "true" };
            foreach (var code in CheckCodes.Defaults.Keys) settings[$"Checks:Severities:{code}"] = nameof(CheckSeverity.Warning);
            return settings;
        }
    }
}

public sealed class PostgresStatisticsFixture : StatisticsFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

/// <summary>
/// 统计分析 over a small history of 2040 with known figures: four agencies in a cycle due Friday 2026-11-27, walked day by day
/// (each action at 09:00 China time), plus four rectification items.
/// </summary>
public abstract class StatisticsServiceTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    private const int Year = 2040;

    [Fact]
    public async Task The_committee_sees_step_durations_returns_first_pass_and_timeliness_of_every_unit()
    {
        var figures = await YearAsync("committee.gongwei");

        Assert.Equal(
        [
            new StepFigure(ReportStatus.SecretaryReview, "党组书记审核", 2, 1.0, 1, 0, 0.0),
            new StepFigure(ReportStatus.DisciplineReview, "纪检监察组审核", 3, 1.3, 2, 1, 33.3),
            new StepFigure(ReportStatus.CommitteeReview, "市直机关工委审核", 2, 1.0, 1, 0, 0.0),
        ], figures.Steps);
        Assert.Equal((3, 2, 1, 50.0), (figures.Reports, figures.Approved, figures.ApprovedFirstPass, figures.FirstPassRate));
        Assert.Equal((1, 1, 2, 0, 25.0), (figures.OnTime, figures.Late, figures.Missing, figures.Pending, figures.OnTimeRate));
        Assert.Equal(
        [
            ("市人大常委会机关", Timeliness.Missing, 4, 0, (ReportStatus?)null),
            ("市海事法院", Timeliness.Missing, 4, 0, ReportStatus.Draft),
            ("生态环境局", Timeliness.Late, 1, 0, ReportStatus.Approved),
            ("市科协", Timeliness.OnTime, 0, 1, ReportStatus.Approved),
        ], figures.Units.Select(u => (u.UnitName, u.Timeliness, u.OverdueWorkingDays, u.Returns, u.Status)));
    }

    [Fact]
    public async Task Rectification_figures_count_sources_states_closures_overdue_rework_and_reopening()
    {
        var r = (await YearAsync("committee.gongwei")).Rectification;

        Assert.Equal((4, 2, 1, 50.0, 25.0), (r.Total, r.Closed, r.Overdue, r.ClosureRate, r.OverdueRate));
        Assert.Equal(3.5, r.AverageDaysToClose);
        Assert.Equal((1, 1), (r.RejectedClosures, r.Reopened));
        Assert.Equal(
        [
            new SourceStateFigure(RectificationSource.SelfInspection, RectificationStatus.InProgress, 1),
            new SourceStateFigure(RectificationSource.SelfInspection, RectificationStatus.Closed, 2),
            new SourceStateFigure(RectificationSource.Inspection, RectificationStatus.NotStarted, 1),
        ], r.BySourceAndState);
    }

    [Fact]
    public async Task An_inspection_team_sees_only_its_units_and_a_drafter_is_refused()
    {
        var team1 = await YearAsync("inspector.team1");
        var team2 = await YearAsync("inspector.team2");

        Assert.Equal(["生态环境局", "市科协"], team1.Units.Select(u => u.UnitName));
        Assert.Equal(4, team1.Rectification.Total);
        Assert.Equal(["市人大常委会机关", "市海事法院"], team2.Units.Select(u => u.UnitName));
        Assert.Equal((1, 0, 0, 0), (team2.Reports, team2.Steps.Sum(s => s.Decided), team2.Rectification.Total, team2.OnTime));
        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() => YearAsync("drafter.kexie"));
        Assert.Equal(RuleViolation.Forbidden, refusal.Violation);
    }

    [Fact]
    public async Task Year_over_year_gives_each_year_of_the_range_and_refuses_a_bad_range()
    {
        await SeedAsync();
        var user = await fixture.UserAsync("committee.gongwei");
        await using var scope = fixture.Scope();
        var service = scope.ServiceProvider.GetRequiredService<StatisticsService>();

        var years = await service.RangeAsync(user, Year - 1, Year);

        Assert.Equal([(Year - 1, 0, (double?)null), (Year, 2, 50.0)], years.Select(y => (y.Year, y.Approved, y.FirstPassRate)));
        Assert.Contains(Year, await service.YearsAsync(user));
        foreach (var (from, to, code) in new[] { (2041, 2040, "year-range-invalid"), (2020, 2040, "year-range-invalid"), (1999, 2000, "year-invalid") })
            Assert.Equal(code, (await Assert.ThrowsAsync<WorkflowRuleException>(() => service.RangeAsync(user, from, to))).Code);
        Assert.Equal("year-invalid", (await Assert.ThrowsAsync<WorkflowRuleException>(() => service.YearAsync(user, 2101))).Code);
    }

    [Fact]
    public async Task The_export_has_one_sheet_per_table()
    {
        var figures = await YearAsync("committee.gongwei");

        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(StatisticsSpreadsheet.Write(figures, [figures])));

        Assert.Equal(["审核环节", "单位报送", "整改情况", "整改概况", "年度对比"], book.Worksheets.Select(s => s.Name));
        Assert.Equal("纪检监察组审核", book.Worksheet("审核环节").Cell(3, 1).GetString());
        Assert.Equal("33.3%", book.Worksheet("审核环节").Cell(3, 6).GetString());
        Assert.Equal("市人大常委会机关", book.Worksheet("单位报送").Cell(2, 1).GetString());
        Assert.Equal("未起草", book.Worksheet("单位报送").Cell(2, 7).GetString());
    }

    private async Task<YearStatistics> YearAsync(string userName)
    {
        await SeedAsync();
        var user = await fixture.UserAsync(userName);
        await using var scope = fixture.Scope();
        return await scope.ServiceProvider.GetRequiredService<StatisticsService>().YearAsync(user, Year);
    }

    private static readonly SemaphoreSlim Seeding = new(1, 1);

    /// <summary>
    /// 市科协: in Wed 11-25 (on time), secretary Thu, team returns Mon 11-30, in again Tue, team Wed, committee Thu: approved after
    /// one return. 生态环境局: in Mon 11-30 (late by one working day), secretary Tue, team Wed, committee Thu: approved first pass.
    /// 市海事法院 a draft and 市人大常委会机关 nothing: both missing, four working days past the due date on Thu 12-03.
    /// </summary>
    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (await fixture.ReadAsync(db => Task.FromResult(db.Reports.Any(r => r.Year == Year)))) return;
            await using (var scope = fixture.Scope())
                await scope.ServiceProvider.GetRequiredService<CycleService>().OpenAsync($"{Year}年度", Year, new DateOnly(2026, 11, 27),
                    [DemoSeeder.Kexie, DemoSeeder.Shengtai, DemoSeeder.Haishi, DemoSeeder.Renda], "system");
            var start = fixture.Clock.GetUtcNow();
            Assert.Equal(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero), start);

            var kexie = await fixture.CreateAsync("drafter.kexie", Year);
            await fixture.ExecuteAsync("drafter.kexie", kexie.Id, ReportCommand.Submit);
            Day(1);
            await fixture.ExecuteAsync("secretary.kexie", kexie.Id, ReportCommand.Approve);
            var shengtai = await fixture.CreateAsync("drafter.shengtai", Year);
            Day(5);
            await fixture.ExecuteAsync("inspector.team1", kexie.Id, ReportCommand.Return, "请补充问题整改情况。");
            await fixture.ExecuteAsync("drafter.shengtai", shengtai.Id, ReportCommand.Submit);
            Day(6);
            await fixture.ExecuteAsync("drafter.kexie", kexie.Id, ReportCommand.Submit);
            await fixture.ExecuteAsync("secretary.shengtai", shengtai.Id, ReportCommand.Approve);
            Day(7);
            await fixture.ExecuteAsync("inspector.team1", kexie.Id, ReportCommand.Approve);
            await fixture.ExecuteAsync("inspector.team1", shengtai.Id, ReportCommand.Approve);
            Day(8);
            await fixture.ExecuteAsync("committee.gongwei", kexie.Id, ReportCommand.Approve);
            await fixture.ExecuteAsync("committee.gongwei", shengtai.Id, ReportCommand.Approve);
            await fixture.CreateAsync("drafter.haishi", Year);
            await SeedItemsAsync(start);

            void Day(int day) => fixture.Clock.SetUtcNow(start.AddDays(day));
        }
        finally
        {
            Seeding.Release();
        }
    }

    /// <summary>
    /// Four items of 市科协 for 2040: closed in 3 working days; closed in 4 after one rejected closure (二次整改); closed and
    /// reopened by the team (回头看); an inspection finding due Mon 11-30 and never started (overdue on 12-03).
    /// </summary>
    private async Task SeedItemsAsync(DateTimeOffset start)
    {
        var drafter = (await fixture.UserAsync("drafter.kexie")).Actor;
        var secretary = (await fixture.UserAsync("secretary.kexie")).Actor;
        var inspector = (await fixture.UserAsync("inspector.team1")).Actor;
        var sequence = 0;
        RectificationItem Item(RectificationSource source, DateOnly deadline) =>
            RectificationItem.Create(DemoSeeder.Kexie, "KX", Year, ++sequence, source,
                new RectificationFields("作风建设", $"问题{sequence}", "整改措施", "李明", "办公室", null, null, deadline), drafter, start);
        var later = new DateOnly(2026, 12, 31);

        var quick = Item(RectificationSource.SelfInspection, later);
        quick.Start(drafter, start);
        quick.RequestClosure(drafter, "已完成", start.AddDays(1));
        quick.ApproveClosure(secretary, null, start.AddDays(5));

        var reworked = Item(RectificationSource.SelfInspection, later);
        reworked.Start(drafter, start);
        reworked.RequestClosure(drafter, "已完成", start.AddDays(1));
        reworked.RejectClosure(secretary, "佐证不足", start.AddDays(1));
        reworked.RequestClosure(drafter, "补充材料", start.AddDays(5));
        reworked.ApproveClosure(secretary, null, start.AddDays(6));

        var reopened = Item(RectificationSource.SelfInspection, later);
        reopened.Start(drafter, start);
        reopened.RequestClosure(drafter, "已完成", start.AddDays(1));
        reopened.ApproveClosure(secretary, null, start.AddDays(5));
        reopened.Reopen(inspector, "回头看发现问题反弹", start.AddDays(7));

        var overdue = Item(RectificationSource.Inspection, new DateOnly(2026, 11, 30));

        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.RectificationItems.AddRange(quick, reworked, reopened, overdue);
        await db.SaveChangesAsync();
    }
}

public sealed class StatisticsServiceTests(StatisticsFixture fixture) : StatisticsServiceTestsCases<StatisticsFixture>(fixture);

public sealed class StatisticsServiceTestsOnPostgreSql(PostgresStatisticsFixture fixture)
    : StatisticsServiceTestsCases<PostgresStatisticsFixture>(fixture);
