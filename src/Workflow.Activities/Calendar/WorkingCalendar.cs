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
    // Working days are counted from a table of running totals over these years, so a count or a shift over a year of
    // days is two lookups instead of a walk (a reminder sweep does this for every open item); outside them, the walk.
    private static readonly int FirstDay = SupportedYears.FirstDay.DayNumber;
    private static readonly int LastDay = SupportedYears.LastDay.DayNumber;

    private readonly Dictionary<DateOnly, CalendarDay> _exceptions;
    private readonly Lazy<int[]> _runningTotals;

    public WorkingCalendar(IEnumerable<CalendarDay> exceptions)
    {
        _exceptions = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in exceptions)
            if (!_exceptions.TryAdd(day.Date, day))
                throw new ArgumentException($"{day.Date:yyyy-MM-dd} is listed twice.", nameof(exceptions));
        _runningTotals = new Lazy<int[]>(RunningTotals);
    }

    /// <summary>Entry i: working days from <see cref="FirstDay"/> up to and including day FirstDay + i.</summary>
    private int[] RunningTotals()
    {
        var totals = new int[LastDay - FirstDay + 1];
        var count = 0;
        for (var i = 0; i < totals.Length; i++)
        {
            if (IsWorkingDay(DateOnly.FromDayNumber(FirstDay + i))) count++;
            totals[i] = count;
        }
        return totals;
    }

    private static bool Tabulated(DateOnly date) => date.DayNumber >= FirstDay && date.DayNumber <= LastDay;

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
        if (workingDays > 0 && Tabulated(start))
        {
            // The first day after start whose running total reaches start's total + workingDays.
            var totals = _runningTotals.Value;
            var wanted = totals[start.DayNumber - FirstDay] + workingDays;
            if (wanted <= totals[^1])
            {
                var index = Array.BinarySearch(totals, start.DayNumber - FirstDay + 1, totals.Length - (start.DayNumber - FirstDay + 1), wanted);
                if (index < 0) index = ~index;
                while (index > 0 && totals[index - 1] == wanted) index--;
                return DateOnly.FromDayNumber(FirstDay + index);
            }
        }
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
        if (Tabulated(from) && Tabulated(to))
            return _runningTotals.Value[to.DayNumber - FirstDay] - _runningTotals.Value[from.DayNumber - FirstDay];
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
