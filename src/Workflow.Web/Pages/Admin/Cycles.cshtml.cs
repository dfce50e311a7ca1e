using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Cycles;
using Workflow.Activities.Organization;
using Workflow.Activities.Reminders;
using Workflow.Host.Cycles;
using Workflow.Host.Data;

namespace Workflow.Web.Pages.Admin;

/// <summary>报告周期: open a cycle (year, due date, units) and see where each unit stands (as 报送情况 counts it).</summary>
public sealed class CyclesModel(CycleService cycles, CycleBoard boards, AppDbContext db, CurrentUser me, TimeProvider clock) : AppPageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public int? Year { get; set; }
        public DateOnly? DueDate { get; set; }
        public List<Guid> UnitIds { get; set; } = [];

        public string? SubmissionDaysBefore { get; set; }
        public bool SubmissionOnDueDay { get; set; }
        public int SubmissionOverdueEvery { get; set; }
        public int SubmissionEscalateAfter { get; set; }
        public bool ReviewOnEntry { get; set; }
        public string? ReviewDaysBefore { get; set; }
        public bool ReviewOnDueDay { get; set; }
        public int ReviewOverdueEvery { get; set; }
        public int ReviewEscalateAfter { get; set; }
        public string? RectificationDaysBefore { get; set; }
        public int RectificationOverdueEvery { get; set; }

        public void Show(ReminderPolicy p)
        {
            SubmissionDaysBefore = string.Join(",", p.Submission.DaysBefore);
            SubmissionOnDueDay = p.Submission.OnDueDay;
            SubmissionOverdueEvery = p.Submission.OverdueEveryWorkingDays;
            SubmissionEscalateAfter = p.Submission.EscalateAfterWorkingDaysOverdue;
            ReviewOnEntry = p.Review.OnEntry;
            ReviewDaysBefore = string.Join(",", p.Review.WorkingDaysBefore);
            ReviewOnDueDay = p.Review.OnDueDay;
            ReviewOverdueEvery = p.Review.OverdueEveryWorkingDays;
            ReviewEscalateAfter = p.Review.EscalateAfterWorkingDaysOverdue;
            RectificationDaysBefore = string.Join(",", p.Rectification.DaysBefore);
            RectificationOverdueEvery = p.Rectification.OverdueEveryDays;
        }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<Unit> Agencies { get; private set; } = [];
    public List<(ReportingCycle Cycle, List<BoardRow> Units)> Cycles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // From the second half of a year on, the cycle being prepared is that year's (due early next year).
        var today = Workflow.Activities.Calendar.ChinaTime.Today(clock);
        var year = today.Month >= 7 ? today.Year : today.Year - 1;
        Input = new InputModel { Name = $"{year}年度", Year = year, DueDate = new DateOnly(year + 1, 1, 31) };
        Input.Show(cycles.DefaultPolicy);
        await LoadAsync(ct);
        Input.UnitIds = Agencies.Select(a => a.Id).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Year is null) ModelState.AddModelError("Input.Year", "请填写报告年度。");
        if (Input.DueDate is null) ModelState.AddModelError("Input.DueDate", "请填写报送截止日期。");
        var policy = ReadPolicy(Input, ModelState);
        if (ModelState.IsValid)
        {
            var user = await me.GetAsync(ct);
            var refused = await TryAsync(() => cycles.OpenAsync(Input.Name ?? "", Input.Year!.Value, Input.DueDate!.Value, Input.UnitIds,
                user.User.Id, policy, ct), "Input.");
            if (refused is not null) return refused;
            if (ModelState.IsValid)
            {
                Flash($"已开启“{Input.Name}”报告周期。");
                return RedirectToPage();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The policy as typed in the form; lists like "7,3,1" (Chinese commas too).</summary>
    internal static ReminderPolicy ReadPolicy(InputModel input, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        int[] Days(string? text, string field)
        {
            var parts = (text ?? "").Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries);
            var days = new List<int>();
            foreach (var part in parts)
                if (int.TryParse(part, out var d)) days.Add(d);
                else modelState.AddModelError("Input." + field, $"“{part}”不是天数，请用逗号分隔的数字，如 7,3,1。");
            return days.Distinct().OrderByDescending(d => d).ToArray();
        }

        return new ReminderPolicy(
            new SubmissionPolicy(Days(input.SubmissionDaysBefore, nameof(input.SubmissionDaysBefore)), input.SubmissionOnDueDay,
                input.SubmissionOverdueEvery, input.SubmissionEscalateAfter),
            new ReviewPolicy(input.ReviewOnEntry, Days(input.ReviewDaysBefore, nameof(input.ReviewDaysBefore)), input.ReviewOnDueDay,
                input.ReviewOverdueEvery, input.ReviewEscalateAfter),
            new RectificationPolicy(Days(input.RectificationDaysBefore, nameof(input.RectificationDaysBefore)), input.RectificationOverdueEvery));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Agencies = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Agency).OrderBy(u => u.Name).ToListAsync(ct);
        Cycles = [];
        foreach (var cycle in await cycles.ListAsync(ct))
            Cycles.Add((cycle, await boards.RowsAsync(cycle, cycle.Units.Select(u => u.UnitId).ToList(), ct)));
    }
}
