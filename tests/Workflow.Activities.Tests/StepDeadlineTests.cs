using Workflow.Activities.Calendar;
using Workflow.Activities.Reminders;

namespace Workflow.Activities.Tests;

/// <summary>A step's deadline as the report page shows it: the reminders' due date, working days left or overdue.</summary>
public sealed class StepDeadlineTests
{
    private static readonly WorkingCalendar Official = new(CalendarSeed.Official());

    // Entered Friday 2026-11-20 at 18:00 China time with a limit of 3 working days: due Wednesday 11-25.
    private static readonly DateTimeOffset Entered = new(2026, 11, 20, 18, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("2026-11-20", 3, "剩余 3 个工作日", DeadlineUrgency.OnTime)]
    [InlineData("2026-11-22", 3, "剩余 3 个工作日", DeadlineUrgency.OnTime)]
    [InlineData("2026-11-23", 2, "剩余 2 个工作日", DeadlineUrgency.OnTime)]
    [InlineData("2026-11-24", 1, "剩余 1 个工作日", DeadlineUrgency.DueSoon)]
    [InlineData("2026-11-25", 0, "今日到期", DeadlineUrgency.DueSoon)]
    [InlineData("2026-11-26", -1, "逾期 1 个工作日", DeadlineUrgency.Overdue)]
    [InlineData("2026-11-30", -3, "逾期 3 个工作日", DeadlineUrgency.Overdue)]
    public void Counts_working_days_to_the_due_date_the_reminders_use(string today, int left, string text, DeadlineUrgency urgency)
    {
        var deadline = StepDeadline.Of(Entered, 3, DateOnly.Parse(today), Official);

        Assert.Equal(new DateOnly(2026, 11, 25), deadline.DueDate);
        Assert.Equal(ReminderPlanner.StepDueDate(new DateOnly(2026, 11, 20), 3, Official), deadline.DueDate);
        Assert.Equal((left, text, urgency), (deadline.WorkingDaysLeft, deadline.Text, deadline.Urgency));
    }

    [Fact]
    public void The_day_counts_in_china_time_an_evening_utc_instant_is_the_next_china_day()
    {
        // 2026-11-19 17:00 UTC is Friday 11-20 01:00 in China.
        var deadline = StepDeadline.Of(new DateTimeOffset(2026, 11, 19, 17, 0, 0, TimeSpan.Zero), 3, new DateOnly(2026, 11, 20), Official);

        Assert.Equal(new DateOnly(2026, 11, 25), deadline.DueDate);
    }

    /// <summary>The list's overdue filter (SQL: entered before a day) agrees with the deadline, around weekends and the Spring Festival.</summary>
    [Theory]
    [InlineData("2026-11-30", 3)]
    [InlineData("2026-11-28", 5)]
    [InlineData("2026-02-24", 5)]
    [InlineData("2026-10-09", 1)]
    public void A_step_is_overdue_exactly_when_entered_before_the_first_day_not_overdue(string today, int limit)
    {
        var day = DateOnly.Parse(today);
        var first = StepDeadline.FirstEntryDayNotOverdue(limit, day, Official);

        for (var entered = day.AddDays(-60); entered <= day; entered = entered.AddDays(1))
        {
            var at = new DateTimeOffset(entered.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
            var overdue = StepDeadline.Of(at, limit, day, Official).Urgency == DeadlineUrgency.Overdue;
            Assert.True(overdue == entered < first, $"entered {entered}, first not overdue {first}");
        }
    }
}

/// <summary>A submission's and a rectification item's deadline: a fixed date, amber from the policy's first T-N reminder on.</summary>
public sealed class DateDeadlineTests
{
    private static readonly WorkingCalendar Official = new(CalendarSeed.Official());

    [Theory]
    [InlineData("2026-11-13", DeadlineUrgency.OnTime)]
    [InlineData("2026-11-18", DeadlineUrgency.DueSoon)]
    [InlineData("2026-11-25", DeadlineUrgency.DueSoon)]
    [InlineData("2026-11-26", DeadlineUrgency.Overdue)]
    public void A_submission_is_amber_from_the_first_days_before_reminder(string today, DeadlineUrgency urgency)
    {
        var policy = ReminderPolicy.Default.Submission with { DaysBefore = [7, 3, 1] };

        var deadline = StepDeadline.ForSubmission(new DateOnly(2026, 11, 25), DateOnly.Parse(today), Official, policy);

        Assert.Equal(urgency, deadline.Urgency);
        Assert.Equal(Official.WorkingDaysBetween(DateOnly.Parse(today), new DateOnly(2026, 11, 25)), deadline.WorkingDaysLeft);
    }

    [Fact]
    public void A_rectification_policy_without_days_before_is_amber_only_on_the_day()
    {
        var policy = new RectificationPolicy([], 7);
        var due = new DateOnly(2026, 11, 25);

        Assert.Equal(DeadlineUrgency.OnTime, StepDeadline.ForRectification(due, due.AddDays(-1), Official, policy).Urgency);
        Assert.Equal((DeadlineUrgency.DueSoon, "今日到期"),
            (StepDeadline.ForRectification(due, due, Official, policy).Urgency, StepDeadline.ForRectification(due, due, Official, policy).Text));
        Assert.Equal("逾期 2 个工作日", StepDeadline.ForRectification(due, new DateOnly(2026, 11, 27), Official, policy).Text);
    }
}
