using Microsoft.AspNetCore.Mvc;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Activities.Statistics;
using Workflow.Host.Statistics;
using Workflow.Web.Api;

namespace Workflow.Web.Pages.Statistics;

/// <summary>统计分析: the figures of one year and the five years up to it, as SVG charts each followed by its table, and .xlsx.</summary>
public sealed class IndexModel(CurrentUser me, StatisticsService service, TimeProvider clock) : AppPageModel
{
    /// <summary>How many years the 年度对比 chart shows, the chosen one the last.</summary>
    public const int TrendYears = 5;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public List<int> Years { get; private set; } = [];
    public YearStatistics? Figures { get; private set; }
    public List<YearStatistics> Trend { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (!MayRead(user)) return Forbid();
        Years = await service.YearsAsync(user, ct);
        Year ??= Years.FirstOrDefault(ChinaTime.Today(clock).Year);
        if (!SupportedYears.Contains(Year.Value))
        {
            ModelState.AddModelError(nameof(Year), $"年度应在{SupportedYears.Min}至{SupportedYears.Max}之间。");
            return Page();
        }
        if (!Years.Contains(Year.Value)) Years = Years.Append(Year.Value).OrderDescending().ToList();
        Figures = await service.YearAsync(user, Year.Value, ct);
        Trend = await TrendAsync(user, Year.Value, Figures, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (!MayRead(user)) return Forbid();
        if (Year is not { } year || !SupportedYears.Contains(year)) return RedirectToPage();
        Years = await service.YearsAsync(user, ct);
        var figures = await service.YearAsync(user, year, ct);
        var trend = await TrendAsync(user, year, figures, ct);
        return File(StatisticsSpreadsheet.Write(figures, trend), RectificationsApi.XlsxContentType, StatisticsApi.FileName(year));
    }

    /// <summary>The chosen year and the years with data among the <see cref="TrendYears"/> - 1 before it, oldest first (empty years would only add rows of "—").</summary>
    private async Task<List<YearStatistics>> TrendAsync(Workflow.Host.Identity.UserContext user, int year, YearStatistics figures, CancellationToken ct)
    {
        var trend = new List<YearStatistics> { figures };
        foreach (var earlier in Years.Where(y => y < year && y > year - TrendYears))
            trend.Add(await service.YearAsync(user, earlier, ct));
        return trend.OrderBy(y => y.Year).ToList();
    }

    private static bool MayRead(Workflow.Host.Identity.UserContext user) =>
        user.Actor.IsIn(RoleNames.Committee) || user.Actor.IsIn(RoleNames.DisciplineInspector);

    public BarChart StepChart => new("chart-steps", "各审核环节用时（工作日）",
        [new("平均", "stat-s0"), new("P90", "stat-s1")],
        Figures!.Steps.Select(s => new BarGroup(s.StepName, [s.AverageDays, s.P90Days],
            [BarChart.Days(s.AverageDays) + " 天", s.P90Days is { } p ? p + " 天" : "—"])).ToList());

    public BarChart ReturnChart => new("chart-returns", "各审核环节退回占比",
        [new("退回", "stat-s2")],
        Figures!.Steps.Select(s => new BarGroup(s.StepName, [s.ReturnShare],
            [$"{BarChart.Percent(s.ReturnShare)}（{s.Returned}/{s.Decided}）"])).ToList(), max: 100);

    public BarChart SubmissionChart => new("chart-submissions", "报送情况（按截止日期）",
        [new("单位", "stat-s0")],
        new (string Label, int Count)[] { ("按时报送", Figures!.OnTime), ("逾期报送", Figures.Late), ("逾期未报", Figures.Missing), ("未到期", Figures.Pending), ("无报送周期", NoCycle) }
            .Select(x => new BarGroup(x.Label, [x.Count], [x.Count + " 个"])).ToList());

    public BarChart UnitChart => new("chart-units", "各单位逾期工作日与退回次数",
        [new("逾期", "stat-s3"), new("退回", "stat-s1")],
        Figures!.Units.Select(u => new BarGroup(u.UnitName, [u.OverdueWorkingDays, u.Returns],
            [u.OverdueWorkingDays + " 个工作日", u.Returns + " 次"])).ToList());

    public BarChart StateChart => new("chart-states", "整改事项状态",
        [new("事项", "stat-s0")],
        Enum.GetValues<RectificationStatus>().Select(status =>
        {
            var count = Figures!.Rectification.BySourceAndState.Where(f => f.Status == status).Sum(f => f.Count);
            return new BarGroup(status.Label(), [count], [count + " 项"]);
        }).ToList());

    public BarChart TrendChart => new("chart-trend", "年度对比",
        [new("一次通过率", "stat-s0"), new("按时报送率", "stat-s1"), new("销号率", "stat-s2")],
        Trend.Select(y => new BarGroup($"{y.Year}年度", [y.FirstPassRate, y.OnTimeRate, y.Rectification.ClosureRate],
            [BarChart.Percent(y.FirstPassRate), BarChart.Percent(y.OnTimeRate), BarChart.Percent(y.Rectification.ClosureRate)])).ToList(), max: 100);

    /// <summary>The sources and states that occur, for the source × state table.</summary>
    public IReadOnlyList<RectificationSource> Sources => Figures!.Rectification.BySourceAndState.Select(f => f.Source).Distinct().ToList();

    public int CountOf(RectificationSource source, RectificationStatus status) =>
        Figures!.Rectification.BySourceAndState.Where(f => f.Source == source && f.Status == status).Sum(f => f.Count);

    /// <summary>Units with a report this year but in no cycle of it: no due date to judge them by.</summary>
    public int NoCycle => Figures!.Units.Count(u => u.Timeliness == Timeliness.NoCycle);

    public static string StatusName(ReportStatus? status) => status?.Label() ?? "未起草";
}
