using Workflow.Activities.Calendar;
using Workflow.Activities.Reports;
using Workflow.Activities.Statistics;

namespace Workflow.Activities.Tests.Statistics;

/// <summary>The arithmetic of 统计分析: stays at review steps in working days, the 90th percentile, rates, timeliness.</summary>
public sealed class ReviewStatisticsTests
{
    private static readonly WorkingCalendar Official = new(CalendarSeed.Official());
    private static readonly Guid Id = Guid.NewGuid();

    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    // 10:00 China time on the given date.
    private static DateTimeOffset At(string iso) => new(DateOnly.Parse(iso).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    private static JournalStep Row(int sequence, string date, ReportAction action, ReportStatus from, ReportStatus to) =>
        new(Id, sequence, At(date), action, from, to);

    [Fact]
    public void A_stay_counts_working_days_of_the_official_calendar_from_entering_to_the_decision()
    {
        // Entered on the Friday before Spring Festival 2026, decided on the first day after it: the 调休 Saturday and the 24th.
        var journal = new[]
        {
            Row(1, "2026-02-10", ReportAction.Created, ReportStatus.Draft, ReportStatus.Draft),
            Row(2, "2026-02-13", ReportAction.Submitted, ReportStatus.Draft, ReportStatus.SecretaryReview),
            Row(3, "2026-02-24", ReportAction.Approved, ReportStatus.SecretaryReview, ReportStatus.DisciplineReview),
            Row(4, "2026-02-24", ReportAction.Returned, ReportStatus.DisciplineReview, ReportStatus.Returned),
        };

        var visits = ReviewStatistics.Visits(journal, Official).ToList();

        Assert.Equal(
        [
            new StepVisit(ReportStatus.SecretaryReview, D("2026-02-13"), D("2026-02-24"), ReportAction.Approved, 2),
            new StepVisit(ReportStatus.DisciplineReview, D("2026-02-24"), D("2026-02-24"), ReportAction.Returned, 0),
        ], visits);
    }

    [Fact]
    public void A_withdrawn_stay_and_a_step_still_waiting_are_not_decisions()
    {
        var journal = new[]
        {
            Row(1, "2026-03-02", ReportAction.Submitted, ReportStatus.Draft, ReportStatus.SecretaryReview),
            Row(2, "2026-03-04", ReportAction.Withdrawn, ReportStatus.SecretaryReview, ReportStatus.Draft),
            Row(3, "2026-03-05", ReportAction.Edited, ReportStatus.Draft, ReportStatus.Draft),
            Row(4, "2026-03-06", ReportAction.Submitted, ReportStatus.Draft, ReportStatus.SecretaryReview),
            Row(5, "2026-03-09", ReportAction.Approved, ReportStatus.SecretaryReview, ReportStatus.DisciplineReview),
        };

        var visit = Assert.Single(ReviewStatistics.Visits(journal, Official));

        Assert.Equal(new StepVisit(ReportStatus.SecretaryReview, D("2026-03-06"), D("2026-03-09"), ReportAction.Approved, 1), visit);
    }

    [Fact]
    public void A_resubmission_goes_back_to_the_returning_step_and_its_second_stay_is_counted_from_the_resubmission()
    {
        var journal = new[]
        {
            Row(1, "2026-03-02", ReportAction.Submitted, ReportStatus.Draft, ReportStatus.SecretaryReview),
            Row(2, "2026-03-03", ReportAction.Returned, ReportStatus.SecretaryReview, ReportStatus.Returned),
            Row(3, "2026-03-10", ReportAction.Resubmitted, ReportStatus.Returned, ReportStatus.SecretaryReview),
            Row(4, "2026-03-13", ReportAction.Approved, ReportStatus.SecretaryReview, ReportStatus.DisciplineReview),
        };

        Assert.Equal([1, 3], ReviewStatistics.Visits(journal, Official).Select(v => v.WorkingDays));
        Assert.Equal(new ReportCourse(D("2026-03-02"), 1, false), ReviewStatistics.Course(journal));
    }

    [Fact]
    public void First_pass_means_approved_without_a_return()
    {
        var clean = new[]
        {
            Row(1, "2026-03-02", ReportAction.Submitted, ReportStatus.Draft, ReportStatus.SecretaryReview),
            Row(2, "2026-03-03", ReportAction.Approved, ReportStatus.CommitteeReview, ReportStatus.Approved),
        };
        var returned = clean.Prepend(Row(0, "2026-02-27", ReportAction.Returned, ReportStatus.SecretaryReview, ReportStatus.Returned));

        Assert.True(ReviewStatistics.Course(clean).ApprovedFirstPass);
        Assert.False(ReviewStatistics.Course(returned).ApprovedFirstPass);
        Assert.False(ReviewStatistics.Course(clean.Take(1)).ApprovedFirstPass);
    }

    [Theory]
    [InlineData(new[] { 5 }, 5)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 9)]
    [InlineData(new[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 }, 9)]
    [InlineData(new[] { 1, 1, 1, 20 }, 20)]
    [InlineData(new[] { 3, 1 }, 3)]
    public void The_90th_percentile_is_an_observed_value_by_nearest_rank(int[] values, int expected) =>
        Assert.Equal(expected, ReviewStatistics.Percentile90(values));

    [Fact]
    public void No_values_have_no_average_no_percentile_and_no_rate()
    {
        Assert.Null(ReviewStatistics.Percentile90([]));
        Assert.Null(ReviewStatistics.Average([]));
        Assert.Null(ReviewStatistics.Rate(0, 0));
        Assert.Equal(2.5, ReviewStatistics.Average([1, 2, 3, 4]));
        Assert.Equal(33.3, ReviewStatistics.Rate(1, 3));
        Assert.Equal(66.7, ReviewStatistics.Rate(2, 3));
    }

    [Theory]
    [InlineData("2026-01-30", "2026-01-30", "2026-03-01", Timeliness.OnTime, 0)]
    [InlineData("2026-01-30", "2026-02-03", "2026-03-01", Timeliness.Late, 2)]     // Friday due, Tuesday in: Monday and Tuesday
    [InlineData("2026-02-13", "2026-02-24", "2026-03-01", Timeliness.Late, 2)]     // over Spring Festival: the 调休 Saturday and the 24th
    [InlineData("2026-01-30", null, "2026-02-06", Timeliness.Missing, 5)]
    [InlineData("2026-01-30", null, "2026-01-30", Timeliness.Pending, 0)]
    [InlineData(null, "2026-02-03", "2026-03-01", Timeliness.NoCycle, 0)]
    public void A_submission_is_judged_against_the_due_date_in_working_days(string? due, string? submitted, string today,
        Timeliness expected, int overdue) =>
        Assert.Equal((expected, overdue),
            ReviewStatistics.Judge(due is null ? null : D(due), submitted is null ? null : D(submitted), D(today), Official));
}
