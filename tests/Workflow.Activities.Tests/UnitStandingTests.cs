using Workflow.Activities.Calendar;
using Workflow.Activities.Cycles;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;

namespace Workflow.Activities.Tests;

/// <summary>Where a unit stands in a cycle (报送情况), its deadline counted as the reminders count it, and when it may be urged.</summary>
public sealed class UnitStandingTests
{
    private static readonly WorkingCalendar Official = new(CalendarSeed.Official());
    private static readonly RouteDefinition Route = RouteDefinition.StandardV1(DateTimeOffset.UnixEpoch);

    // The cycle is due Friday 2026-11-20; Wednesday 11-25 is three working days later.
    private static readonly DateOnly Due = new(2026, 11, 20);

    [Theory]
    [InlineData(null, "2026-11-19", UnitState.NotStarted, "剩余 1 个工作日", false)]
    [InlineData(null, "2026-11-20", UnitState.NotStarted, "今日到期", true)]
    [InlineData(null, "2026-11-25", UnitState.NotStarted, "逾期 3 个工作日", true)]
    [InlineData(nameof(ReportStatus.Draft), "2026-11-25", UnitState.Draft, "逾期 3 个工作日", true)]
    [InlineData(nameof(ReportStatus.Returned), "2026-11-23", UnitState.Returned, "逾期 1 个工作日", true)]
    [InlineData(nameof(ReportStatus.Draft), "2026-11-13", UnitState.Draft, "剩余 5 个工作日", false)]
    public void A_report_not_submitted_is_due_on_the_cycle_date_and_its_drafters_may_be_urged_from_that_day(string? status, string today,
        UnitState state, string text, bool mayUrge)
    {
        var standing = UnitStanding.Of(status is null ? null : new ReportStatus(status), DateTimeOffset.UnixEpoch, Route, Due, DateOnly.Parse(today), Official);

        Assert.Equal((state, Due, text, mayUrge, UnitStanding.SubmissionStep), (standing.State, standing.Deadline!.DueDate, standing.Deadline.Text,
            standing.MayUrge, standing.UrgeStep));
        Assert.Null(standing.Step);
    }

    [Fact]
    public void A_report_at_a_review_step_is_due_the_step_limit_after_it_entered_and_may_always_be_urged()
    {
        // Entered the discipline team's step (5 working days) on Friday 11-13: due Friday 11-20, like a reminder would say.
        var entered = new DateTimeOffset(2026, 11, 13, 10, 0, 0, TimeSpan.FromHours(8));

        var standing = UnitStanding.Of(ReportStatus.DisciplineReview, entered, Route, new DateOnly(2027, 1, 29), new DateOnly(2026, 11, 25), Official);

        Assert.Equal((UnitState.InReview, "纪检监察组审核", "DisciplineReview", true, true), (standing.State, standing.Step!.Name, standing.UrgeStep,
            standing.MayUrge, standing.Overdue));
        Assert.Equal(StepDeadline.Of(entered, 5, new DateOnly(2026, 11, 25), Official), standing.Deadline);
        Assert.Equal(ReminderPlanner.StepDueDate(new DateOnly(2026, 11, 13), 5, Official), standing.Deadline!.DueDate);
    }

    [Fact]
    public void An_approved_report_has_no_deadline_and_nobody_to_urge()
    {
        var standing = UnitStanding.Of(ReportStatus.Approved, DateTimeOffset.UnixEpoch, Route, Due, new DateOnly(2026, 12, 25), Official);

        Assert.Equal((UnitState.Approved, null, false, false), (standing.State, standing.Deadline, standing.MayUrge, standing.Overdue));
    }

    [Fact]
    public void An_urge_is_keyed_by_report_and_step_or_by_unit_for_a_report_not_submitted_and_by_the_day()
    {
        Guid cycle = Guid.NewGuid(), unit = Guid.NewGuid(), report = Guid.NewGuid();
        var day = new DateOnly(2026, 11, 25);

        Assert.Equal($"urge:{report:N}:DisciplineReview:20261125", CycleUrge.KeyOf(cycle, unit, report, "DisciplineReview", day));
        Assert.Equal($"urge:{cycle:N}/{unit:N}:Submission:20261125", CycleUrge.KeyOf(cycle, unit, report, UnitStanding.SubmissionStep, day));
        Assert.Equal(CycleUrge.KeyOf(cycle, unit, null, UnitStanding.SubmissionStep, day), CycleUrge.KeyOf(cycle, unit, report, UnitStanding.SubmissionStep, day));
        Assert.NotEqual(CycleUrge.KeyOf(cycle, unit, report, "DisciplineReview", day), CycleUrge.KeyOf(cycle, unit, report, "DisciplineReview", day.AddDays(1)));
    }

    [Fact]
    public void Editing_a_cycle_says_what_changed_and_keeps_at_least_one_unit()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var cycle = new ReportingCycle(Guid.NewGuid(), "2026年度", 2026, new DateOnly(2027, 1, 29), [a, b], ReminderPolicy.Default, "admin",
            DateTimeOffset.UnixEpoch);

        // The same values, the policy as an equal copy (its day lists are new arrays): nothing changed.
        var copy = System.Text.Json.JsonSerializer.Deserialize<ReminderPolicy>(System.Text.Json.JsonSerializer.Serialize(ReminderPolicy.Default))!;
        Assert.True(cycle.Edit("2026年度", new DateOnly(2027, 1, 29), [b, a], copy).IsEmpty);

        var edit = cycle.Edit(" 2026年度（调整） ", new DateOnly(2027, 2, 5), [b, c],
            copy with { Review = copy.Review with { WorkingDaysBefore = [2, 1] } });

        Assert.Equal(("2026年度", "2026年度（调整）"), edit.Name);
        Assert.Equal((new DateOnly(2027, 1, 29), new DateOnly(2027, 2, 5)), edit.DueDate);
        Assert.Equal([c], edit.AddedUnits);
        Assert.Equal([a], edit.RemovedUnits);
        Assert.True(edit.PolicyChanged);
        Assert.Equal(new[] { b, c }.Order(), cycle.Units.Select(u => u.UnitId).Order());
        Assert.False(cycle.AddUnit(c));
        Assert.True(cycle.AddUnit(a));
        Assert.Throws<ArgumentException>(() => cycle.Edit("2026年度", new DateOnly(2027, 2, 5), [], ReminderPolicy.Default));
    }
}
