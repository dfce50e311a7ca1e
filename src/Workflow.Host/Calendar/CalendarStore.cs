using Workflow.Host.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Reports;
using Workflow.Host.Data;

namespace Workflow.Host.Calendar;

/// <summary>The working-day calendar as the admin keeps it in the database.</summary>
public sealed class CalendarStore(AppDbContext db, Security.ISecurityAudit audit, CurrentDirectory directory)
{
    public const int NameMaxLength = 50;

    private static readonly string[] WeekdayNames = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <summary>The working-day calendar as the directory stamp of this request sees it (read once per change, not per request).</summary>
    public async Task<WorkingCalendar> LoadAsync(CancellationToken ct = default) => (await directory.SnapshotAsync(ct)).Calendar;

    /// <summary>The holidays and make-up days of one year, in date order.</summary>
    public Task<List<CalendarDay>> ListAsync(int year, CancellationToken ct = default)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(ct);
    }

    public Task<CalendarDay?> FindAsync(DateOnly date, CancellationToken ct = default) =>
        db.CalendarDays.AsNoTracking().FirstOrDefaultAsync(d => d.Date == date, ct);

    /// <summary>The years that have at least one entry, oldest first.</summary>
    public async Task<List<int>> YearsAsync(CancellationToken ct = default)
    {
        var dates = await db.CalendarDays.AsNoTracking().Select(d => d.Date).ToListAsync(ct);
        return dates.Select(d => d.Year).Distinct().Order().ToList();
    }

    /// <summary>Adds a holiday or make-up day; a date already in the calendar must be changed instead.</summary>
    public async Task<CalendarDay> AddAsync(DateOnly date, DayKind kind, string name, CancellationToken ct = default)
    {
        var day = Validate(date, kind, name);
        if (await FindAsync(date, ct) is { } existing)
            throw Duplicate(existing);
        db.CalendarDays.Add(day);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another admin entered the same date a moment earlier.
            db.ChangeTracker.Clear();
            throw Duplicate(await FindAsync(date, ct) ?? day);
        }
        await AuditAsync("新增", day, ct);
        return day;
    }

    /// <summary>Changes the kind and name of a date already in the calendar.</summary>
    public async Task<CalendarDay> ChangeAsync(DateOnly date, DayKind kind, string name, CancellationToken ct = default)
    {
        var day = Validate(date, kind, name);
        var changed = await db.CalendarDays.Where(d => d.Date == date)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Kind, day.Kind).SetProperty(d => d.Name, day.Name), ct);
        if (changed == 0) throw NotInCalendar(date);
        await directory.ChangedAsync(ct);
        await AuditAsync("修改", day, ct);
        return day;
    }

    /// <summary>Removes a date, which then counts as an ordinary weekday or weekend day again.</summary>
    public async Task<CalendarDay> RemoveAsync(DateOnly date, CancellationToken ct = default)
    {
        var day = await FindAsync(date, ct) ?? throw NotInCalendar(date);
        await db.CalendarDays.Where(d => d.Date == date).ExecuteDeleteAsync(ct);
        await directory.ChangedAsync(ct);
        await AuditAsync("删除", day, ct);
        return day;
    }

    private Task AuditAsync(string action, CalendarDay day, CancellationToken ct) =>
        audit.RecordAsync(new Security.SecurityEvent(Security.SecurityEventKind.CalendarEdited, null, true,
            $"{action} {day.Date:yyyy-MM-dd} {(day.Kind == DayKind.Holiday ? "法定节假日" : "调休上班")} {day.Name}"), ct);

    /// <summary>Fills an empty table with the official arrangement shipped with the product.</summary>
    public async Task SeedOfficialAsync(CancellationToken ct = default)
    {
        if (await db.CalendarDays.AnyAsync(ct)) return;
        db.CalendarDays.AddRange(CalendarSeed.Official());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>星期一 … 星期日, for messages and pages.</summary>
    public static string WeekdayName(DateOnly date) => WeekdayNames[(int)date.DayOfWeek];

    private static CalendarDay Validate(DateOnly date, DayKind kind, string? name)
    {
        if (!Enum.IsDefined(kind))
            throw new WorkflowRuleException(RuleViolation.Invalid, "kind-invalid", "请选择类型：法定节假日或调休上班。", "kind");
        var trimmed = UserText.Check(name, "name")?.Trim() ?? "";
        if (trimmed.Length == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "name-required", "请填写名称，如“春节”“春节调休上班”。", "name");
        if (trimmed.Length > NameMaxLength)
            throw new WorkflowRuleException(RuleViolation.Invalid, "name-too-long", $"名称不能超过{NameMaxLength}个字。", "name");
        // A weekday is a working day anyway: only a weekend day can be turned into one.
        if (kind == DayKind.MakeUpWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            throw new WorkflowRuleException(RuleViolation.Invalid, "make-up-not-weekend",
                $"调休上班日必须是星期六或星期日，{date:yyyy-MM-dd}是{WeekdayName(date)}。", "kind");
        return new CalendarDay(date, kind, trimmed);
    }

    private static WorkflowRuleException Duplicate(CalendarDay existing) =>
        new(RuleViolation.Conflict, "date-exists",
            $"{existing.Date:yyyy-MM-dd}已在日历中（{existing.Name}），请在列表中修改该日期，不要重复添加。", "date");

    private static WorkflowRuleException NotInCalendar(DateOnly date) =>
        new(RuleViolation.NotFound, "date-not-found", $"{date:yyyy-MM-dd}不在日历中。");
}
