using Workflow.Activities.Calendar;

namespace Workflow.Activities.Tests;

/// <summary>Working days follow the official calendar: weekends and 法定节假日 off, 调休 weekend days on.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Official = new(CalendarSeed.Official());

    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    [Theory]
    [InlineData("2026-02-13", true)]  // Friday before Spring Festival
    [InlineData("2026-02-14", true)]  // Saturday, 调休上班
    [InlineData("2026-02-15", false)] // 腊月二十八, holiday starts
    [InlineData("2026-02-18", false)] // Wednesday inside the holiday
    [InlineData("2026-02-23", false)] // Monday, last holiday day
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]  // Saturday, 调休上班
    [InlineData("2026-03-01", false)] // ordinary Sunday
    [InlineData("2025-10-08", false)] // National Day + Mid-Autumn, 8 days
    [InlineData("2025-10-11", true)]  // Saturday, 调休上班
    [InlineData("2025-09-28", true)]  // Sunday, 调休上班
    [InlineData("2024-10-12", true)]
    [InlineData("2024-10-07", false)]
    public void Knows_official_holidays_and_make_up_days(string date, bool working) =>
        Assert.Equal(working, Official.IsWorkingDay(D(date)));

    [Fact]
    public void Three_working_days_from_the_Friday_before_Spring_Festival_runs_past_the_holiday()
    {
        // Fri 13 Feb → Sat 14 (调休, 1) → holiday 15–23 → Tue 24 (2) → Wed 25 (3).
        Assert.Equal(D("2026-02-25"), Official.AddWorkingDays(D("2026-02-13"), 3));
        Assert.Equal(D("2026-02-14"), Official.AddWorkingDays(D("2026-02-13"), 1));
    }

    [Fact]
    public void National_day_week_2026_counts_the_make_up_Saturday()
    {
        // Entered Wed 30 Sep: 1–7 Oct off, Thu 8 (1), Fri 9 (2), Sat 10 调休 (3), Mon 12 (4).
        Assert.Equal(D("2026-10-10"), Official.AddWorkingDays(D("2026-09-30"), 3));
        Assert.Equal(D("2026-10-12"), Official.AddWorkingDays(D("2026-09-30"), 4));
        Assert.Equal(4, Official.WorkingDaysBetween(D("2026-09-30"), D("2026-10-12")));
        Assert.Equal(-4, Official.WorkingDaysBetween(D("2026-10-12"), D("2026-09-30")));
    }

    [Fact]
    public void Without_the_official_data_only_weekends_are_off()
    {
        Assert.True(WorkingCalendar.WeekendsOnly.IsWorkingDay(D("2026-02-18")));
        Assert.False(WorkingCalendar.WeekendsOnly.IsWorkingDay(D("2026-02-14")));
        Assert.Equal(D("2026-02-16"), WorkingCalendar.WeekendsOnly.AddWorkingDays(D("2026-02-13"), 1));
    }

    [Fact]
    public void Next_working_day_skips_a_holiday_block()
    {
        Assert.Equal(D("2026-02-24"), Official.NextWorkingDayOnOrAfter(D("2026-02-15")));
        Assert.Equal(D("2026-02-24"), Official.NextWorkingDayOnOrAfter(D("2026-02-24")));
    }

    [Fact]
    public void Seed_covers_each_year_and_names_every_day()
    {
        var days = CalendarSeed.Official();
        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            Assert.Contains(days, d => d.Date.Year == year && d.Name.Contains("春节") && d.Kind == DayKind.Holiday);
            Assert.Contains(days, d => d.Date.Year == year && d.Name.Contains("国庆") && d.Kind == DayKind.Holiday);
        }
        Assert.All(days.Where(d => d.Kind == DayKind.MakeUpWorkday),
            d => Assert.True(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{d.Date} is a weekday"));
        Assert.All(days, d => Assert.False(string.IsNullOrWhiteSpace(d.Name)));
    }

    [Fact]
    public void Bad_seed_lines_are_reported_with_their_line_number()
    {
        var e = Assert.Throws<FormatException>(() => CalendarSeed.Parse(new StringReader("# c\n2026-01-01,Holiday,元旦\n2026-13-01,Holiday,x")));
        Assert.Contains("Line 3", e.Message);
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(CalendarSeed.Parse(new StringReader("2026-01-01,Holiday,a\n2026-01-01,Holiday,b"))));
    }

    /// <summary>The running-totals table must give exactly what walking day by day gives, also across its edges (2000 and 2100).</summary>
    [Fact]
    public void Table_lookups_agree_with_walking_day_by_day()
    {
        var random = new Random(20261125);
        DateOnly[] starts =
        [
            .. Enumerable.Range(0, 400).Select(_ => new DateOnly(2023, 1, 1).AddDays(random.Next(0, 4 * 365))),
            .. Enumerable.Range(0, 40).Select(i => new DateOnly(1999, 12, 1).AddDays(i)),
            .. Enumerable.Range(0, 40).Select(i => new DateOnly(2100, 12, 1).AddDays(i)),
        ];
        foreach (var start in starts)
        {
            var n = random.Next(0, 400);
            Assert.Equal(Walk(start, n), Official.AddWorkingDays(start, n));
            Assert.Equal(Walk(start, -n), Official.AddWorkingDays(start, -n));
            var end = start.AddDays(random.Next(-500, 500));
            Assert.Equal(Count(start, end), Official.WorkingDaysBetween(start, end));
        }

        DateOnly Walk(DateOnly from, int days)
        {
            var step = days < 0 ? -1 : 1;
            for (var left = Math.Abs(days); left > 0;)
            {
                from = from.AddDays(step);
                if (Official.IsWorkingDay(from)) left--;
            }
            return from;
        }

        int Count(DateOnly from, DateOnly to)
        {
            var sign = to < from ? -1 : 1;
            var (a, b) = to < from ? (to, from) : (from, to);
            var count = 0;
            for (var d = a.AddDays(1); d <= b; d = d.AddDays(1))
                if (Official.IsWorkingDay(d)) count++;
            return sign * count;
        }
    }
}
