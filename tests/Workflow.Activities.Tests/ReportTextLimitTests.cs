using Workflow.Activities.Reports;

namespace Workflow.Activities.Tests;

/// <summary>Title and body lengths are a rule of the report itself, so every way in (page, API, import) gets the same answer.</summary>
public sealed class ReportTextLimitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_body_over_the_default_limit_is_refused_and_one_at_it_is_kept()
    {
        var error = Assert.Throws<WorkflowRuleException>(() => Create(new string('报', 300_001)));
        Assert.Equal("body-too-long", error.Code);
        Assert.Equal("body", error.Field);

        Assert.Equal(300_000, Create(new string('报', 300_000)).Body.Length);
    }

    [Fact]
    public void Configured_limits_apply_to_edits_and_leave_the_report_as_it_was()
    {
        var limits = new ReportTextLimits(MaxTitleLength: 20, MaxBodyLength: 1_000);
        var report = Create("正文。", limits);

        var body = Assert.Throws<WorkflowRuleException>(() => report.Edit(TestActors.Drafter, report.Title, new string('报', 1_001), T0, limits));
        var title = Assert.Throws<WorkflowRuleException>(() => report.Edit(TestActors.Drafter, new string('题', 21), "正文。", T0, limits));

        Assert.Equal(("body-too-long", "title-too-long"), (body.Code, title.Code));
        Assert.Equal((1, "正文。"), (report.Revision, report.Body));
    }

    [Fact]
    public void Line_breaks_normalised_away_do_not_count()
    {
        var limits = new ReportTextLimits(MaxBodyLength: 1_000);
        var body = string.Concat(Enumerable.Repeat("报\r\n", 500));

        var report = Create(body, limits);

        Assert.Equal(999, report.Body.Length);
    }

    private static Report Create(string body, ReportTextLimits? limits = null) =>
        Report.Create(Guid.NewGuid(), 2026, "年度报告", body, TestActors.V1, TestActors.Drafter, T0, limits);
}
