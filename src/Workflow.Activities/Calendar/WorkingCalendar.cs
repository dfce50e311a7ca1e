namespace Workflow.Activities.Calendar;

/// <summary>What a calendar day is under the official Chinese arrangement.</summary>
public enum DayKind
{
    /// <summary>法定节假日 (or a weekday given off in exchange for a make-up day).</summary>
    Holiday,

    /// <summary>调休上班: a Saturday or Sunday that is a working day.</summary>
    MakeUpWorkday,
}

/// <summary>One published exception to the Monday–Friday week.</summary>
public sealed record CalendarDay(DateOnly Date, DayKind Kind, string Name);

/// <summary>
/// Working-day arithmetic over the official calendar: weekends off, holidays off, make-up weekend days on.
/// The exceptions are data (seeded, editable by the admin), never code.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, CalendarDay> _exceptions;

    public WorkingCalendar(IEnumerable<CalendarDay> exceptions)
    {
        _exceptions = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in exceptions)
            if (!_exceptions.TryAdd(day.Date, day))
                throw new ArgumentException($"{day.Date:yyyy-MM-dd} is listed twice.", nameof(exceptions));
    }

    public static WorkingCalendar WeekendsOnly { get; } = new([]);

    public bool IsWorkingDay(DateOnly date) => _exceptions.TryGetValue(date, out var day)
        ? day.Kind == DayKind.MakeUpWorkday
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The name of the holiday or make-up day, if the date is one.</summary>
    public string? Describe(DateOnly date) => _exceptions.TryGetValue(date, out var day) ? day.Name : null;

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="start"/> (the start day itself not counted),
    /// e.g. a step entered on Friday with a limit of 1 is due the next working day. Negative counts go back.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var step = workingDays < 0 ? -1 : 1;
        var date = start;
        for (var left = Math.Abs(workingDays); left > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date)) left--;
        }
        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when to is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
            if (IsWorkingDay(date)) count++;
        return count;
    }

    /// <summary>The first working day on or after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date)) date = date.AddDays(1);
        return date;
    }
}
