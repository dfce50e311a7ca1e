using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Cycles;
using Workflow.Activities.Reports;
using Workflow.Host.Cycles;

namespace Workflow.Web.Pages.Cycles;

/// <summary>
/// 报送情况: every unit of a reporting cycle the user covers (the committee all its units, an inspection team its own), where
/// its report stands, who holds it and until when; counts, filters, sorting, 催办 and the .xlsx export.
/// </summary>
public sealed class IndexModel(CycleBoard boards, CurrentUser me) : AppPageModel
{
    public IReadOnlyList<ReportingCycle> Cycles { get; private set; } = [];
    public Board? Board { get; private set; }
    public IReadOnlyList<BoardRow> Rows { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty(SupportsGet = true)] public UnitState? State { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    /// <summary>The refusal of a 催办 just pressed, shown in that unit's row.</summary>
    public (Guid UnitId, string Message)? UrgeRefusal { get; private set; }

    public static readonly IReadOnlyList<(string Key, string Label)> Sorts = [("unit", "单位"), ("state", "状态"), ("due", "截止日期")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var refused = await LoadAsync(ct);
        if (refused is not null) return refused;
        if (Board is null) return NotFound();
        return File(BoardSpreadsheet.Write(Board with { Rows = Rows }), Api.RectificationsApi.XlsxContentType,
            $"报送情况-{Board.Cycle.Name}-{Board.Today:yyyyMMdd}.xlsx");
    }

    public async Task<IActionResult> OnPostUrgeAsync(Guid unitId, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (!CycleBoard.MayView(user)) return Forbid();
        if (Id is not { } cycleId) return NotFound();
        try
        {
            var done = await boards.UrgeAsync(user, cycleId, unitId, ct);
            Flash($"已催办：向{done.Urge.Recipients}发送了催办邮件。");
            return Redirect(Link(State, Overdue, Sort) + $"#unit-{unitId:N}");
        }
        catch (WorkflowRuleException e) when (e.Violation == RuleViolation.Conflict)
        {
            UrgeRefusal = (unitId, e.Message);
        }
        catch (WorkflowRuleException e) when (e.Violation == RuleViolation.NotFound)
        {
            return NotFound();
        }
        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>This page with other filters or sorting, keeping the cycle.</summary>
    public string Link(UnitState? state, bool overdue, string? sort, string? handler = null)
    {
        var query = new List<string>();
        if (handler is not null) query.Add("handler=" + handler);
        if (state is { } s) query.Add("state=" + s);
        if (overdue) query.Add("overdue=true");
        if (sort is not null and not "unit") query.Add("sort=" + Uri.EscapeDataString(sort));
        var path = (Board?.Cycle.Id ?? Id) is { } cycle ? $"/Cycles/{cycle}" : "/Cycles";
        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (!CycleBoard.MayView(user)) return Forbid();
        Cycles = await boards.CyclesAsync(user, ct);
        Board = await boards.BoardAsync(user, Id, ct);
        if (Board is null && Id is not null) return NotFound();
        if (Board is null) return null;
        IEnumerable<BoardRow> rows = Board.Rows;
        if (State is { } state) rows = rows.Where(r => r.Standing.State == state);
        if (Overdue) rows = rows.Where(r => r.Standing.Overdue);
        rows = Sort switch
        {
            "state" => rows.OrderBy(r => r.Standing.State).ThenBy(r => r.Standing.Step?.Status).ThenBy(r => r.UnitName, StringComparer.Ordinal),
            "due" => rows.OrderBy(r => r.Standing.Deadline is null).ThenBy(r => r.Standing.Deadline?.DueDate)
                .ThenBy(r => r.UnitName, StringComparer.Ordinal),
            _ => rows,
        };
        Rows = rows.ToList();
        return null;
    }
}
