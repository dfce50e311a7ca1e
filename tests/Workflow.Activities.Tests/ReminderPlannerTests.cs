using Workflow.Activities.Calendar;
using Workflow.Activities.Reminders;

namespace Workflow.Activities.Tests;

/// <summary>Reminder decisions are pure functions of (deadline, today, calendar, policy).</summary>
public sealed class ReminderPlannerTests
{
    private static readonly WorkingCalendar Official = new(CalendarSeed.Official());
    private static readonly ReminderPolicy Policy = ReminderPolicy.Default;

    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    private static string Describe(IReadOnlyList<Reminder> reminders) =>
        string.Join(" | ", reminders.Select(r => $"{r.Audience}:{r.Kind}@{r.ScheduledOn:MM-dd}"));

    /// <summary>Walks day by day and records each new slot the first time it appears, as the idempotent sweep would send it.</summary>
    private static List<string> Walk(DateOnly from, DateOnly to, Func<DateOnly, IReadOnlyList<Reminder>> plan)
    {
        var sent = new List<string>();
        var seen = new HashSet<string>();
        for (var day = from; day <= to; day = day.AddDays(1))
            foreach (var r in plan(day))
                if (seen.Add(r.Slot)) sent.Add($"{day:MM-dd} {r.Audience}:{r.Kind}");
        return sent;
    }

    [Fact]
    public void Unsubmitted_report_is_reminded_T7_T3_T1_due_day_then_every_two_working_days_and_escalated_after_five()
    {
        // Due Friday 2026-01-30. Working days after it: Feb 2 (1), 3 (2), 4 (3), 5 (4), 6 (5), 9 (6), 10 (7).
        var sent = Walk(D("2026-01-20"), D("2026-02-10"),
            today => ReminderPlanner.ForSubmission(D("2026-01-30"), today, Official, Policy.Submission));
        Assert.Equal(new[]
        {
            "01-23 Responsible:DueSoon", "01-27 Responsible:DueSoon", "01-29 Responsible:DueSoon", "01-30 Responsible:DueToday",
            "02-03 Responsible:Overdue", "02-05 Responsible:Overdue", "02-06 Escalation:Overdue", "02-09 Responsible:Overdue",
            "02-10 Escalation:Overdue",
        }, sent);
    }

    [Fact]
    public void Review_step_reminds_on_entry_one_working_day_before_on_the_due_day_and_daily_when_overdue()
    {
        // Entered Mon 2026-03-02 with 3 working days: due Thu 03-05; overdue Fri 06 (1), Mon 09 (2), Tue 10 (3).
        var sent = Walk(D("2026-03-02"), D("2026-03-11"),
            today => ReminderPlanner.ForReviewStep(D("2026-03-02"), 3, today, Official, Policy.Review));
        Assert.Equal(new[]
        {
            "03-02 Responsible:NewTask", "03-04 Responsible:DueSoon", "03-05 Responsible:DueToday", "03-06 Responsible:Overdue",
            "03-09 Responsible:Overdue", "03-10 Responsible:Overdue", "03-10 Escalation:Overdue", "03-11 Responsible:Overdue",
            "03-11 Escalation:Overdue",
        }, sent);
    }

    [Fact]
    public void Review_step_deadline_skips_spring_festival_and_counts_the_make_up_saturday()
    {
        // Entered Thu 2026-02-12 with 3 working days: Fri 13 (1), Sat 14 调休 (2), holiday 15–23, Tue 24 (3).
        Assert.Equal(D("2026-02-24"), ReminderPlanner.StepDueDate(D("2026-02-12"), 3, Official));
        var onTheHoliday = ReminderPlanner.ForReviewStep(D("2026-02-12"), 3, D("2026-02-18"), Official, Policy.Review);
        Assert.Equal("Responsible:DueSoon@02-14", Describe(onTheHoliday));
    }

    [Fact]
    public void Rectification_item_is_reminded_T7_T1_and_weekly_when_overdue_to_owner_and_leader()
    {
        var sent = Walk(D("2026-06-01"), D("2026-07-10"),
            today => ReminderPlanner.ForRectification(D("2026-06-20"), today, Official, Policy.Rectification));
        Assert.Equal(new[]
        {
            "06-13 Responsible:DueSoon", "06-19 Responsible:DueSoon", "06-21 Responsible:Overdue", "06-21 Escalation:Overdue",
            "06-28 Responsible:Overdue", "06-28 Escalation:Overdue", "07-05 Responsible:Overdue", "07-05 Escalation:Overdue",
        }, sent);
    }

    [Fact]
    public void Nothing_is_due_before_the_first_point_and_a_missed_point_is_caught_up_once()
    {
        Assert.Empty(ReminderPlanner.ForSubmission(D("2026-01-30"), D("2026-01-22"), Official, Policy.Submission));
        // The sweep did not run between T-7 and T-2: on T-2 it sends the T-3 point, not both.
        var late = ReminderPlanner.ForSubmission(D("2026-01-30"), D("2026-01-28"), Official, Policy.Submission);
        Assert.Equal("Responsible:DueSoon@01-27", Describe(late));
        Assert.Equal(2, late[0].CalendarDaysLeft);
    }

    [Fact]
    public void Overdue_reminders_carry_working_days_overdue()
    {
        var r = ReminderPlanner.ForSubmission(D("2026-01-30"), D("2026-02-05"), Official, Policy.Submission).Single();
        Assert.Equal(ReminderKind.Overdue, r.Kind);
        Assert.Equal(4, r.WorkingDaysOverdue);
        Assert.Equal(-6, r.CalendarDaysLeft);
    }
}

/// <summary>Policy switches: zero turns a series off; validation names the bad number in Chinese.</summary>
public sealed class ReminderPolicyTests
{
    private static readonly WorkingCalendar Calendar = new(CalendarSeed.Official());

    [Fact]
    public void Zero_escalation_never_escalates_and_zero_cadence_escalates_once()
    {
        var due = new DateOnly(2026, 1, 30);
        var today = new DateOnly(2026, 2, 20);
        var noEscalation = new SubmissionPolicy([7], true, 2, 0);
        Assert.DoesNotContain(ReminderPlanner.ForSubmission(due, today, Calendar, noEscalation), r => r.Audience == ReminderAudience.Escalation);

        var onceOnly = new SubmissionPolicy([7], true, 0, 3);
        var reminders = ReminderPlanner.ForSubmission(due, today, Calendar, onceOnly);
        var escalation = Assert.Single(reminders, r => r.Audience == ReminderAudience.Escalation);
        Assert.Equal(new DateOnly(2026, 2, 4), escalation.ScheduledOn);
        Assert.Equal(ReminderKind.DueToday, Assert.Single(reminders, r => r.Audience == ReminderAudience.Responsible).Kind);
    }

    [Fact]
    public void Validation_refuses_nonsense_with_a_chinese_message()
    {
        var bad = ReminderPolicy.Default with { Submission = new SubmissionPolicy([0], true, 2, 5) };
        var e = Assert.Throws<ArgumentException>(() => bad.Validated());
        Assert.Contains("提前提醒天数", e.Message);
        Assert.Same(ReminderPolicy.Default, ReminderPolicy.Default.Validated());
    }
}
