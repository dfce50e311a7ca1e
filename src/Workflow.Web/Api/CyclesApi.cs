using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Activities.Cycles;
using Workflow.Activities.Reports;
using Workflow.Host.Cycles;

namespace Workflow.Web.Api;

/// <summary>/api/cycles: 报送情况 of a reporting cycle for the committee and the inspection teams (their own units), its export, and 催办.</summary>
public static class CyclesApi
{
    public sealed record CycleDto(Guid Id, string Name, int Year, DateOnly DueDate);

    public sealed record CycleCountsDto(int NotStarted, int Draft, int InReview, int Returned, int Approved, int Overdue);

    public sealed record CycleUnitDto(Guid UnitId, string UnitName, string UnitCode, UnitState State, string StateName, string Where,
        ReportStatus? Step, Guid? ReportId, string? ReportTitle, IReadOnlyList<string> Holders, DateTimeOffset? Since, DateOnly? DueDate,
        int? WorkingDaysLeft, bool Overdue, string? DeadlineText, int TimesReturned, string? LastReturnedBy, DateOnly? ApprovedOn,
        bool MayUrge, string? UrgedTodayBy);

    public sealed record CycleStatusDto(CycleDto Cycle, DateOnly Today, CycleCountsDto Counts, IReadOnlyList<CycleUnitDto> Units);

    /// <summary>The unit to urge, or a report of the cycle (its unit is urged).</summary>
    public sealed record UrgeRequest(Guid? UnitId, Guid? ReportId);

    public sealed record UrgeDto(Guid UnitId, Guid? ReportId, string Step, DateOnly Day, string Recipients, int Mails, string UrgedBy, DateTimeOffset At);

    public static RouteGroupBuilder MapCyclesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cycles").WithTags("Cycles");
        group.MapGet("/", ListAsync).Describe("ListCycles", "列出我负责的报告周期", "工委看其所属单位的周期，纪检监察组看其联系单位的周期，最新的在前。");
        group.MapGet("/{id:guid}/status", StatusAsync)
            .Describe("GetCycleStatus", "报告周期的报送情况", "每个单位一行：未起草、草稿、所在审核环节及办理人、已退回、已通过，截止日期与逾期工作日，今天是否已催办。")
            .Refuses(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/status.xlsx", ExportAsync).WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .Describe("ExportCycleStatus", "导出报送情况（Excel）").ProducesFile(RectificationsApi.XlsxContentType)
            .Refuses(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/urge", UrgeAsync)
            .Describe("UrgeCycleUnit", "催办", "向单位报告当前等待的办理人（审核环节的审核人，或截止日期已到仍未报送单位的起草人）发送一封【催办】邮件；同一报告同一环节每天只催办一次。")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<List<CycleDto>>> ListAsync(CurrentUser me, CycleBoard boards, CancellationToken ct)
    {
        var cycles = await boards.CyclesAsync(await me.GetAsync(ct), ct);
        return TypedResults.Ok(cycles.Select(c => new CycleDto(c.Id, c.Name, c.Year, c.DueDate)).ToList());
    }

    private static async Task<Ok<CycleStatusDto>> StatusAsync(Guid id, CurrentUser me, CycleBoard boards, CancellationToken ct)
    {
        var board = await boards.BoardAsync(await me.GetAsync(ct), id, ct) ?? throw CycleBoard.CycleNotFound();
        return TypedResults.Ok(new CycleStatusDto(new CycleDto(board.Cycle.Id, board.Cycle.Name, board.Cycle.Year, board.Cycle.DueDate), board.Today,
            new CycleCountsDto(board.Count(UnitState.NotStarted), board.Count(UnitState.Draft), board.Count(UnitState.InReview),
                board.Count(UnitState.Returned), board.Count(UnitState.Approved), board.Overdue),
            board.Rows.Select(r => new CycleUnitDto(r.UnitId, r.UnitName, r.UnitCode, r.Standing.State, r.Standing.State.Label(), r.Where,
                r.Standing.Step?.Status, r.ReportId, r.ReportTitle, r.Holders, r.Since, r.Standing.Deadline?.DueDate,
                r.Standing.Deadline?.WorkingDaysLeft, r.Standing.Overdue, r.Standing.Deadline?.Text, r.TimesReturned, r.LastReturnedBy,
                r.ApprovedOn, r.Standing.MayUrge && r.UrgedToday is null, r.UrgedToday?.ByName)).ToList()));
    }

    private static async Task<FileContentHttpResult> ExportAsync(Guid id, CurrentUser me, CycleBoard boards, CancellationToken ct)
    {
        var board = await boards.BoardAsync(await me.GetAsync(ct), id, ct) ?? throw CycleBoard.CycleNotFound();
        return TypedResults.File(BoardSpreadsheet.Write(board), RectificationsApi.XlsxContentType,
            $"报送情况-{board.Cycle.Name}-{board.Today:yyyyMMdd}.xlsx");
    }

    private static async Task<Ok<UrgeDto>> UrgeAsync(Guid id, UrgeRequest request, CurrentUser me, CycleBoard boards, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (!CycleBoard.MayView(user))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "forbidden", "只有市直机关工委和纪检监察组可以催办。");
        Guid unitId;
        if (request.UnitId is { } unit) unitId = unit;
        else if (request.ReportId is { } reportId)
        {
            var (cycleId, reportUnit) = await boards.UnitOfReportAsync(user, reportId, ct);
            if (cycleId != id) throw Workflow.Host.Identity.UnitScope.ReportNotFound();
            unitId = reportUnit;
        }
        else throw new WorkflowRuleException(RuleViolation.Invalid, "unit-required", "请指定要催办的单位（unitId）或报告（reportId）。", "unitId");
        var done = await boards.UrgeAsync(user, id, unitId, ct);
        var u = done.Urge;
        return TypedResults.Ok(new UrgeDto(u.UnitId, u.ReportId, u.Step, u.Day, u.Recipients, done.Mails, u.ByName, u.At));
    }
}
