using Microsoft.AspNetCore.Mvc;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Host.Calendar;

namespace Workflow.Web.Pages.Admin;

/// <summary>工作日历: the holidays and make-up working days of a year, which the admin adds, changes and removes.</summary>
public sealed class CalendarModel(CalendarStore calendar, TimeProvider clock) : AppPageModel
{
    public sealed class InputModel
    {
        public DateOnly? Date { get; set; }
        public DayKind Kind { get; set; } = DayKind.Holiday;
        public string? Name { get; set; }
    }

    /// <summary>The year shown; defaults to the current year in China.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>The date being changed, when the form edits an existing entry instead of adding one.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? Edit { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<CalendarDay> Days { get; private set; } = [];
    public List<int> Years { get; private set; } = [];
    public int ShownYear => Year is { } year && SupportedYears.Contains(year) ? year : ChinaTime.Today(clock).Year;

    public static string Label(DayKind kind) => kind switch
    {
        DayKind.Holiday => "法定节假日",
        DayKind.MakeUpWorkday => "调休上班",
        _ => kind.ToString(),
    };

    public static string Css(DayKind kind) => kind == DayKind.Holiday ? "st-returned" : "st-review";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Edit is { } date)
        {
            var day = await calendar.FindAsync(date, ct);
            if (day is null) return NotFound();
            Input = new InputModel { Date = day.Date, Kind = day.Kind, Name = day.Name };
            Year = date.Year;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        Edit = null;
        if (Input.Date is not { } date)
        {
            ModelState.AddModelError("Input.Date", "请选择日期。");
            return await RedisplayAsync(ct);
        }
        return await SaveAsync(date, "已添加", () => calendar.AddAsync(date, Input.Kind, Input.Name ?? "", ct), ct);
    }

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken ct)
    {
        if (Edit is not { } date) return NotFound();
        Input.Date = date;
        return await SaveAsync(date, "已修改", () => calendar.ChangeAsync(date, Input.Kind, Input.Name ?? "", ct), ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(DateOnly date, CancellationToken ct)
    {
        var refused = await TryAsync(async () =>
        {
            var removed = await calendar.RemoveAsync(date, ct);
            Flash($"已删除{removed.Date:yyyy-MM-dd}（{removed.Name}），该日恢复为{(IsWeekend(date) ? "周末休息日" : "工作日")}。");
        });
        return refused ?? RedirectToPage(new { year = date.Year });
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>Writes through the store; a refusal shows the form again with the message beside its field.</summary>
    private async Task<IActionResult> SaveAsync(DateOnly date, string done, Func<Task<CalendarDay>> write, CancellationToken ct)
    {
        Year = date.Year;
        if (ModelState.IsValid)
        {
            CalendarDay? saved = null;
            var refused = await TryAsync(async () => saved = await write(), "Input.");
            if (refused is not null) return refused;
            if (saved is not null)
            {
                Flash($"{done}{saved.Date:yyyy-MM-dd}（{CalendarStore.WeekdayName(saved.Date)}）：{Label(saved.Kind)}·{saved.Name}。");
                return RedirectToPage(new { year = date.Year });
            }
        }
        return await RedisplayAsync(ct);
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Days = await calendar.ListAsync(ShownYear, ct);
        var today = ChinaTime.Today(clock).Year;
        // The next year is always offered: its arrangement is published in autumn and entered here.
        Years = (await calendar.YearsAsync(ct)).Append(today).Append(today + 1).Append(ShownYear).Distinct().Order().ToList();
    }
}
