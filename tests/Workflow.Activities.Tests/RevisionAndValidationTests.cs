using Workflow.Activities.Reports;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests;

/// <summary>Text revisions (one per real change) and the validation messages a drafter sees.</summary>
public sealed class RevisionAndValidationTests
{
    [Fact]
    public void A_new_report_holds_its_text_as_revision_one()
    {
        var report = Draft();

        var revision = Assert.Single(report.Revisions);
        Assert.Equal((1, "2025年度报告", report.Body, Drafter.UserId, T0), (revision.Number, revision.Title, revision.Body, revision.AuthorId, revision.At));
        Assert.Equal(1, report.Revision);
        Assert.Equal(report.Id, revision.ReportId);
    }

    [Fact]
    public void Every_edit_that_changes_the_text_creates_the_next_revision()
    {
        var report = Draft();

        report.Edit(Drafter, "2025年度报告（修改稿）", report.Body, T0.AddMinutes(1));
        report.Edit(Drafter, report.Title, report.Body + "\n三是新问题。", T0.AddMinutes(2));

        Assert.Equal(3, report.Revision);
        Assert.Equal([1, 2, 3], report.Revisions.Select(r => r.Number));
        Assert.Equal("2025年度报告（修改稿）", report.Revisions[1].Title);
        Assert.EndsWith("三是新问题。", report.Revisions[2].Body);
        Assert.Equal("2025年度报告", report.Revisions[0].Title);
        Assert.Equal(T0.AddMinutes(2), report.Revisions[2].At);
    }

    [Fact]
    public void An_edit_with_identical_text_creates_no_revision_and_no_journal_row()
    {
        var report = Draft();
        var stamp = report.ConcurrencyStamp;

        report.Edit(Drafter, "  " + report.Title + " ", report.Body.Replace("\n", "\r\n") + "\r\n\r\n", T0.AddMinutes(1));

        Assert.Equal(1, report.Revision);
        Assert.Single(report.Revisions);
        Assert.Single(report.Journal);
        Assert.Equal(stamp, report.ConcurrencyStamp);
    }

    [Fact]
    public void The_body_keeps_paragraphs_but_unifies_line_breaks_and_trims_the_ends()
    {
        Assert.Equal("一、工作情况\n\n二、存在的问题", Report.NormalizeBody("\r\n一、工作情况\r\n\r\n二、存在的问题\r\n  \n"));
        Assert.Equal("甲\n乙", Report.NormalizeBody("甲\r乙"));
        Assert.Equal("", Report.NormalizeBody(null));
    }

    public static TheoryData<string?> BlankTexts => new() { null, "", "   ", "\r\n\t" };

    [Theory]
    [MemberData(nameof(BlankTexts))]
    public void A_report_without_a_title_is_invalid(string? title)
    {
        var refusal = Assert.Throws<WorkflowRuleException>(() =>
            Report.Create(Guid.NewGuid(), 2025, title!, "正文", V1, Drafter, T0));

        Assert.Equal((RuleViolation.Invalid, "title-required", "title"), (refusal.Violation, refusal.Code, refusal.Field));
        Assert.Equal("请填写报告标题。", refusal.Message);
    }

    [Fact]
    public void A_title_longer_than_the_limit_is_invalid()
    {
        var refusal = Assert.Throws<WorkflowRuleException>(() =>
            Report.Create(Guid.NewGuid(), 2025, new string('报', Report.MaxTitleLength + 1), "正文", V1, Drafter, T0));

        Assert.Equal((RuleViolation.Invalid, "title-too-long", "title"), (refusal.Violation, refusal.Code, refusal.Field));
        Assert.Equal("标题不能超过200个字。", refusal.Message);
        Assert.Equal(Report.MaxTitleLength, Report.Create(Guid.NewGuid(), 2025, new string('报', Report.MaxTitleLength), "正文", V1, Drafter, T0).Title.Length);
    }

    [Theory]
    [MemberData(nameof(BlankTexts))]
    public void A_report_without_a_body_is_invalid(string? body)
    {
        var refusal = Assert.Throws<WorkflowRuleException>(() =>
            Report.Create(Guid.NewGuid(), 2025, "标题", body!, V1, Drafter, T0));

        Assert.Equal((RuleViolation.Invalid, "body-required", "body"), (refusal.Violation, refusal.Code, refusal.Field));
        Assert.Equal("请填写报告正文。", refusal.Message);
    }

    [Fact]
    public void Editing_to_an_empty_body_is_refused_and_keeps_the_previous_text()
    {
        var report = Draft();
        var body = report.Body;

        var refusal = Assert.Throws<WorkflowRuleException>(() => report.Edit(Drafter, "新标题", " \n ", T0.AddMinutes(1)));

        Assert.Equal("body-required", refusal.Code);
        Assert.Equal(("2025年度报告", body, 1), (report.Title, report.Body, report.Revision));
        Assert.Single(report.Journal);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    [InlineData(0)]
    [InlineData(-2025)]
    public void A_year_outside_2000_to_2100_is_invalid(int year)
    {
        var refusal = Assert.Throws<WorkflowRuleException>(() =>
            Report.Create(Guid.NewGuid(), year, "标题", "正文", V1, Drafter, T0));

        Assert.Equal((RuleViolation.Invalid, "year-invalid", "year"), (refusal.Violation, refusal.Code, refusal.Field));
        Assert.Equal("年度应在2000至2100之间。", refusal.Message);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(2100)]
    public void The_years_2000_and_2100_are_accepted(int year)
    {
        Assert.Equal(year, Report.Create(Guid.NewGuid(), year, "标题", "正文", V1, Drafter, T0).Year);
    }

    [Theory]
    [InlineData(RoleNames.PartySecretary)]
    [InlineData(RoleNames.Admin)]
    public void Only_a_drafter_may_create_a_report(string role)
    {
        var refusal = Assert.Throws<WorkflowRuleException>(() =>
            Report.Create(Guid.NewGuid(), 2025, "标题", "正文", V1, ForRole(role), T0));

        Assert.Equal(RuleViolation.Forbidden, refusal.Violation);
    }
}
