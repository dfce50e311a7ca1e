using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Activities.Statistics;
using Workflow.Host.Statistics;

namespace Workflow.Web.Api;

/// <summary>
/// GET /api/statistics: 统计分析 of a year (?year=) or of each year of a range (?from=&amp;to=, year over year), for the committee
/// (every unit) and an inspection team (its units); GET /api/statistics/export: the same tables as .xlsx.
/// </summary>
public static class StatisticsApi
{
    /// <summary>The figures of the years asked for, oldest first.</summary>
    public sealed record StatisticsDto(IReadOnlyList<StatisticsYearDto> Years);

    /// <summary>One year: reports, first-pass approvals, submissions against the due date, steps, units, rectification. Rates in per cent, null when nothing to divide.</summary>
    public sealed record StatisticsYearDto(int Year, int Reports, int Approved, int ApprovedFirstPass, double? FirstPassRate, int OnTime, int Late,
        int Missing, int Pending, double? OnTimeRate, IReadOnlyList<StatisticsStepDto> Steps, IReadOnlyList<StatisticsUnitDto> Units, StatisticsRectificationDto Rectification);

    /// <summary>A review step: decided stays, their average and 90th percentile in working days, returns and their share.</summary>
    public sealed record StatisticsStepDto(ReportStatus Step, string StepName, int Decided, double? AverageWorkingDays, int? P90WorkingDays, int Returned,
        double? ReturnShare);

    /// <summary>A unit: due date, first submission, timeliness, working days overdue, returns, current status (null: no report).</summary>
    public sealed record StatisticsUnitDto(Guid UnitId, string UnitName, DateOnly? DueDate, DateOnly? FirstSubmitted, Timeliness Timeliness,
        string TimelinessName, int OverdueWorkingDays, int Returns, ReportStatus? Status, string StatusName);

    /// <summary>
    /// Rectification items of the year: 销号 and overdue rates, working days to 销号, 二次整改 and 回头看 counts, items by source and
    /// state, and 问题反弹: items similar to an item of the same unit in the five years before, and their share of the year's items.
    /// </summary>
    public sealed record StatisticsRectificationDto(int Total, int Closed, int Overdue, double? ClosureRate, double? OverdueRate,
        double? AverageWorkingDaysToClose, int RejectedClosures, int Reopened, IReadOnlyList<StatisticsSourceStateDto> BySourceAndState,
        int Recurring, double? RecurrenceRate);

    /// <summary>How many items of one source are in one state.</summary>
    public sealed record StatisticsSourceStateDto(RectificationSource Source, string SourceName, RectificationStatus Status, string StatusName, int Count);

    public static RouteGroupBuilder MapStatisticsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/statistics").WithTags("Statistics");
        group.MapGet("/", GetAsync)
            .Describe("GetStatistics", "统计分析",
                "给出 year 时为该年度的统计；给出 from 和 to 时为其间每个年度的统计（年度对比，最多 10 年）。工委可看全部单位，纪检监察组只看所联系单位。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        group.MapGet("/export", ExportAsync).WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .Describe("ExportStatistics", "导出统计分析（.xlsx）", "每张表一个工作表；年度对比为 year 及此前共 5 个年度，或 from 至 to。")
            .ProducesFile(RectificationsApi.XlsxContentType).Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Ok<StatisticsDto>> GetAsync(int? year, int? from, int? to, CurrentUser me, StatisticsService service,
        CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        StatisticsService.EnsureMayRead(user);
        var years = (from, to) switch
        {
            (null, null) when year is { } y => [await service.YearAsync(user, y, ct)],
            (null, null) => throw new WorkflowRuleException(RuleViolation.Invalid, "year-required", "请填写年度（year），或年度范围（from 和 to）。", "year"),
            ({ } f, { } t) when year is null => await service.RangeAsync(user, f, t, ct),
            _ => throw new WorkflowRuleException(RuleViolation.Invalid, "year-range-invalid", "请只填写年度（year），或同时填写 from 和 to。", "to"),
        };
        return TypedResults.Ok(new StatisticsDto(years.Select(ToDto).ToList()));
    }

    private static async Task<FileContentHttpResult> ExportAsync(int? year, int? from, int? to, CurrentUser me, StatisticsService service,
        CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        StatisticsService.EnsureMayRead(user);
        if (year is not { } y)
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-required", "请填写年度（year）。", "year");
        var figures = await service.YearAsync(user, y, ct);
        var trend = await service.RangeAsync(user, from ?? Math.Max(Activities.SupportedYears.Min, y - 4), to ?? y, ct);
        return TypedResults.File(StatisticsSpreadsheet.Write(figures, trend), RectificationsApi.XlsxContentType, FileName(y));
    }

    /// <summary>The name of an export: 统计分析-2025.xlsx.</summary>
    public static string FileName(int year) => $"统计分析-{year}.xlsx";

    public static StatisticsYearDto ToDto(YearStatistics y) => new(y.Year, y.Reports, y.Approved, y.ApprovedFirstPass, y.FirstPassRate, y.OnTime, y.Late,
        y.Missing, y.Pending, y.OnTimeRate,
        y.Steps.Select(s => new StatisticsStepDto(s.Step, s.StepName, s.Decided, s.AverageDays, s.P90Days, s.Returned, s.ReturnShare)).ToList(),
        y.Units.Select(u => new StatisticsUnitDto(u.UnitId, u.UnitName, u.DueDate, u.FirstSubmitted, u.Timeliness, u.Timeliness.Label(),
            u.OverdueWorkingDays, u.Returns, u.Status, u.Status?.Label() ?? "未起草")).ToList(),
        new StatisticsRectificationDto(y.Rectification.Total, y.Rectification.Closed, y.Rectification.Overdue, y.Rectification.ClosureRate,
            y.Rectification.OverdueRate, y.Rectification.AverageDaysToClose, y.Rectification.RejectedClosures, y.Rectification.Reopened,
            y.Rectification.BySourceAndState.Select(f => new StatisticsSourceStateDto(f.Source, f.Source.Label(), f.Status, f.Status.Label(), f.Count)).ToList(),
            y.Rectification.Recurring, y.Rectification.RecurrenceRate));
}
