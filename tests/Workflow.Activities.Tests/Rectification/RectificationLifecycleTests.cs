using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests.Rectification;

/// <summary>The item's lifecycle: who may move it, which moves the status allows, what the journal keeps.</summary>
public sealed class RectificationLifecycleTests
{
    private static readonly Actor Owner = Make("o1", RoleNames.Drafter);
    private static readonly Actor Colleague = Make("x1");
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static RectificationItem NewItem(RectificationSource source = RectificationSource.SelfInspection, string? reviewerRole = null,
        DateOnly? deadline = null, Actor? owner = null) =>
        RectificationItem.Create(Guid.NewGuid(), "KX", 2025, 7, source,
            new RectificationFields("学习教育", "学习不够深入", "加强学习", "张三", "办公室", (owner ?? Colleague).UserId,
                (owner ?? Colleague).DisplayName, deadline ?? new DateOnly(2026, 6, 30)),
            Secretary, T0, reviewerRole: reviewerRole);

    private static DateTimeOffset At(RectificationItem item) => T0.AddMinutes(item.JournalSequence);

    [Fact]
    public void The_code_is_unit_prefix_year_and_three_digit_sequence()
    {
        var item = NewItem();
        Assert.Equal("KX-2025-007", item.Code);
        Assert.Equal(RectificationStatus.NotStarted, item.Status);
        Assert.Single(item.Journal);
    }

    [Fact]
    public void Owner_works_the_item_to_closure_with_evidence_and_the_secretary_closes_it()
    {
        var item = NewItem();
        item.Start(Colleague, At(item));
        item.AddEvidence(Colleague, "整改报告.pdf", "application/pdf", 1024, new string('a', 64), At(item));
        item.RequestClosure(Colleague, null, At(item));
        Assert.Equal(RectificationStatus.ClosureRequested, item.Status);
        item.ApproveClosure(Secretary, "整改到位", At(item));
        Assert.Equal(RectificationStatus.Closed, item.Status);
        Assert.NotNull(item.ClosedAt);
        Assert.Equal(TrafficLight.Grey, item.Light(Today));
        Assert.Equal(
            [RectificationAction.Created, RectificationAction.Started, RectificationAction.EvidenceAdded,
                RectificationAction.ClosureRequested, RectificationAction.ClosureApproved],
            item.Journal.Select(j => j.Action));
        Assert.Equal(Enumerable.Range(1, 5), item.Journal.Select(j => j.Sequence));
    }

    [Fact]
    public void Closure_needs_evidence_or_an_explanation()
    {
        var item = NewItem();
        item.Start(Colleague, At(item));
        var e = Assert.Throws<WorkflowRuleException>(() => item.RequestClosure(Colleague, "  ", At(item)));
        Assert.Equal(("closure-needs-evidence", "comment", RuleViolation.Invalid), (e.Code, e.Field, e.Violation));
        Assert.Equal(RectificationStatus.InProgress, item.Status);
        item.RequestClosure(Colleague, "已修订制度并印发。", At(item));
        Assert.Equal(RectificationStatus.ClosureRequested, item.Status);
    }

    [Fact]
    public void A_rejected_closure_is_second_rectification_and_the_count_is_kept()
    {
        var item = NewItem();
        item.Start(Colleague, At(item));
        item.RequestClosure(Colleague, "已整改", At(item));
        Assert.Equal("comment-required", Assert.Throws<WorkflowRuleException>(() => item.RejectClosure(Secretary, "", At(item))).Code);
        item.RejectClosure(Secretary, "佐证不足", At(item));
        Assert.Equal((RectificationStatus.InProgress, 1), (item.Status, item.ReworkCount));
        Assert.Null(item.ClosureExplanation);
        item.RequestClosure(Colleague, "补充了会议记录", At(item));
        item.RejectClosure(Secretary, "仍不充分", At(item));
        item.RequestClosure(Colleague, "再次补充", At(item));
        item.ApproveClosure(Secretary, null, At(item));
        Assert.Equal((RectificationStatus.Closed, 2), (item.Status, item.ReworkCount));
        Assert.Equal("佐证不足", item.Journal.First(j => j.Action == RectificationAction.ClosureRejected).Comment);
    }

    [Fact]
    public void Reviewer_requirements_are_closed_by_the_reviewer_role_not_the_secretary()
    {
        var item = NewItem(RectificationSource.ReviewOpinion, RoleNames.DisciplineInspector);
        item.Start(Colleague, At(item));
        item.RequestClosure(Colleague, "已整改", At(item));
        Assert.Equal(RuleViolation.Forbidden, item.Check(RectificationCommand.ApproveClosure, Secretary));
        Assert.Equal(RuleViolation.Forbidden, item.Check(RectificationCommand.ApproveClosure, Committee));
        item.ApproveClosure(Inspector, null, At(item));
        Assert.Equal(RectificationStatus.Closed, item.Status);
    }

    [Fact]
    public void Self_found_items_are_closed_by_the_secretary_only()
    {
        var item = NewItem();
        item.Start(Colleague, At(item));
        item.RequestClosure(Colleague, "已整改", At(item));
        foreach (var actor in new[] { Colleague, Drafter, Inspector, Committee })
            Assert.Equal(RuleViolation.Forbidden, item.Check(RectificationCommand.ApproveClosure, actor));
        Assert.True(item.Can(RectificationCommand.ApproveClosure, Secretary));
    }

    [Fact]
    public void Only_owner_or_drafter_work_the_item()
    {
        var item = NewItem();
        Assert.True(item.Can(RectificationCommand.Start, Colleague));
        Assert.True(item.Can(RectificationCommand.Start, Drafter));
        Assert.Equal(RuleViolation.Forbidden, item.Check(RectificationCommand.Start, Make("someone-else")));
        Assert.Equal(RuleViolation.Forbidden, item.Check(RectificationCommand.UploadEvidence, Inspector));
        Assert.Equal(RuleViolation.Conflict, item.Check(RectificationCommand.RequestClosure, Colleague));
    }

    [Fact]
    public void A_closed_item_is_reopened_only_by_discipline_team_or_committee_with_a_reason()
    {
        var item = NewItem();
        item.Start(Colleague, At(item));
        item.RequestClosure(Colleague, "已整改", At(item));
        item.ApproveClosure(Secretary, null, At(item));
        Assert.Equal(RuleViolation.Forbidden, item.Check(RectificationCommand.Reopen, Secretary));
        Assert.Equal(RuleViolation.Conflict, item.Check(RectificationCommand.Update, Colleague));
        Assert.Equal("comment-required", Assert.Throws<WorkflowRuleException>(() => item.Reopen(Committee, null, At(item))).Code);
        item.Reopen(Committee, "回头看发现问题反弹", At(item));
        Assert.Equal(RectificationStatus.InProgress, item.Status);
        Assert.Null(item.ClosedAt);
        Assert.Null(item.ClosureExplanation);
        Assert.Equal(RuleViolation.Conflict, item.Check(RectificationCommand.Reopen, Inspector));
    }

    [Fact]
    public void Long_term_needs_a_reason_and_a_future_review_date_and_stays_open_for_closure()
    {
        var item = NewItem();
        var e = Assert.Throws<WorkflowRuleException>(() => item.MarkLongTerm(Colleague, "需长期坚持", null, Today, At(item)));
        Assert.Equal("nextReviewOn", e.Field);
        e = Assert.Throws<WorkflowRuleException>(() => item.MarkLongTerm(Colleague, "需长期坚持", Today, Today, At(item)));
        Assert.Equal("review-date-past", e.Code);
        Assert.Equal("reason-required", Assert.Throws<WorkflowRuleException>(() =>
            item.MarkLongTerm(Colleague, " ", Today.AddDays(90), Today, At(item))).Code);
        item.MarkLongTerm(Colleague, "作风建设永远在路上", Today.AddDays(90), Today, At(item));
        Assert.Equal(RectificationStatus.LongTerm, item.Status);
        Assert.False(item.IsOpen);
        Assert.False(item.IsOverdue(new DateOnly(2027, 1, 1)));
        Assert.Equal(TrafficLight.Green, item.Light(new DateOnly(2027, 1, 1)));
        Assert.True(item.Can(RectificationCommand.RequestClosure, Colleague));
    }

    [Fact]
    public void Extension_is_approved_by_the_secretary_and_the_original_deadline_is_kept()
    {
        var item = NewItem(deadline: new DateOnly(2026, 3, 31));
        item.Start(Colleague, At(item));
        Assert.Equal("deadline-not-later", Assert.Throws<WorkflowRuleException>(() =>
            item.RequestExtension(Colleague, new DateOnly(2026, 3, 1), "来不及", At(item))).Code);
        item.RequestExtension(Colleague, new DateOnly(2026, 5, 31), "需等待上级文件", At(item));
        Assert.Equal(RuleViolation.Conflict, item.Check(RectificationCommand.RequestExtension, Colleague));
        Assert.Equal(RuleViolation.Forbidden, item.Check(RectificationCommand.ApproveExtension, Drafter));
        item.ApproveExtension(Secretary, null, At(item));
        Assert.Equal((new DateOnly(2026, 5, 31), new DateOnly(2026, 3, 31)), (item.Deadline!.Value, item.OriginalDeadline!.Value));
        item.RequestExtension(Colleague, new DateOnly(2026, 7, 31), "再延", At(item));
        item.RejectExtension(Secretary, "不予延期", At(item));
        Assert.Equal((new DateOnly(2026, 5, 31), new DateOnly(2026, 3, 31)), (item.Deadline!.Value, item.OriginalDeadline!.Value));
        Assert.Null(item.ExtensionRequestedTo);
    }

    [Fact]
    public void After_work_starts_the_deadline_moves_only_by_extension()
    {
        var item = NewItem();
        var moved = new RectificationFields(item.Category, item.Problem, item.Measures, item.ResponsibleLeader, item.ResponsibleDepartment,
            item.OwnerId, item.OwnerName, new DateOnly(2026, 12, 31));
        item.Update(Colleague, moved, "已制定方案", At(item));
        Assert.Equal(new DateOnly(2026, 12, 31), item.Deadline);
        item.Start(Colleague, At(item));
        var e = Assert.Throws<WorkflowRuleException>(() => item.Update(Colleague, moved with { Deadline = new DateOnly(2027, 1, 31) }, null, At(item)));
        Assert.Equal(("deadline-locked", "deadline"), (e.Code, e.Field));
        var count = item.Journal.Count;
        item.Update(Colleague, moved, "已制定方案", At(item));
        Assert.Equal(count, item.Journal.Count);
    }

    [Theory]
    [InlineData("2026-03-01", TrafficLight.Yellow)]
    [InlineData("2026-02-22", TrafficLight.Yellow)]
    [InlineData("2026-02-21", TrafficLight.Green)]
    [InlineData("2026-03-02", TrafficLight.Red)]
    public void Traffic_light_follows_the_deadline(string today, TrafficLight expected)
    {
        var item = NewItem(deadline: new DateOnly(2026, 3, 1));
        Assert.Equal(expected, item.Light(DateOnly.Parse(today)));
    }

    [Fact]
    public void An_open_item_without_owner_or_deadline_is_grey_unassigned_until_both_are_set()
    {
        var noDeadline = RectificationItem.Create(Guid.NewGuid(), "KX", 2025, 8, RectificationSource.SelfInspection,
            new RectificationFields(null, "学习不够深入", null, null, null, Colleague.UserId, Colleague.DisplayName, null), Secretary, T0);
        var noOwner = RectificationItem.Create(Guid.NewGuid(), "KX", 2025, 9, RectificationSource.SelfInspection,
            new RectificationFields(null, "学习不够深入", null, null, null, null, null, new DateOnly(2026, 6, 30)), Secretary, T0);
        Assert.All([noDeadline, noOwner], item =>
        {
            Assert.Equal(TrafficLight.Unassigned, item.Light(Today));
            Assert.Equal("待指定", item.Light(Today).Label());
            Assert.True(item.NeedsAssignment);
        });

        // Past its deadline it is late, owner or not.
        Assert.Equal(TrafficLight.Red, noOwner.Light(new DateOnly(2026, 7, 1)));

        noOwner.Update(Secretary, new RectificationFields(null, "学习不够深入", null, null, null, Colleague.UserId, Colleague.DisplayName,
            new DateOnly(2026, 6, 30)), null, At(noOwner));
        Assert.False(noOwner.NeedsAssignment);
        Assert.Equal(TrafficLight.Green, noOwner.Light(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Problem_is_required_with_a_chinese_message_on_the_field()
    {
        var e = Assert.Throws<WorkflowRuleException>(() => RectificationItem.Create(Guid.NewGuid(), "KX", 2025, 1,
            RectificationSource.Other, new RectificationFields(null, " ", null, null, null, null, null, null), Secretary, T0));
        Assert.Equal(("problem", "请填写问题描述。"), (e.Field, e.Message));
    }

    [Fact]
    public void Command_api_names_are_kebab_case()
    {
        Assert.Equal("request-closure", RectificationCommand.RequestClosure.ApiName());
        Assert.Equal("mark-long-term", RectificationCommand.MarkLongTerm.ApiName());
        Assert.Equal("start", RectificationCommand.Start.ApiName());
    }

    [Fact]
    public void The_uploader_takes_back_a_wrong_file_while_work_goes_on_and_the_journal_keeps_it()
    {
        var item = NewItem(owner: Colleague);
        item.Start(Colleague, At(item));
        var wrong = item.AddEvidence(Colleague, "错传的文件.pdf", "application/pdf", 1024, new string('a', 64), At(item));
        var right = item.AddEvidence(Colleague, "整改报告.pdf", "application/pdf", 2048, new string('b', 64), At(item));
        Assert.True(item.CanRemoveEvidence(wrong, Colleague));

        item.RemoveEvidence(Colleague, wrong.Id, At(item));

        Assert.Equal([right.Id], item.Evidence.Select(e => e.Id));
        var last = item.Journal[^1];
        Assert.Equal((RectificationAction.EvidenceRemoved, "错传的文件.pdf"), (last.Action, last.Comment));
        Assert.Equal(RectificationStatus.InProgress, item.Status);
    }

    [Fact]
    public void Nobody_else_removes_a_file_and_nobody_once_closure_is_requested()
    {
        var item = NewItem(owner: Colleague);
        item.Start(Colleague, At(item));
        var file = item.AddEvidence(Colleague, "整改报告.pdf", "application/pdf", 1024, new string('a', 64), At(item));

        // The unit's drafter may upload too, but not take back what the owner uploaded.
        Assert.True(item.Can(RectificationCommand.UploadEvidence, Owner));
        Assert.False(item.CanRemoveEvidence(file, Owner));
        var e = Assert.Throws<WorkflowRuleException>(() => item.RemoveEvidence(Owner, file.Id, At(item)));
        Assert.Equal(("evidence-not-yours", RuleViolation.Forbidden), (e.Code, e.Violation));

        var missing = Assert.Throws<WorkflowRuleException>(() => item.RemoveEvidence(Colleague, Guid.NewGuid(), At(item)));
        Assert.Equal(("evidence-not-found", RuleViolation.NotFound), (missing.Code, missing.Violation));

        // The closure request rests on this file: it stays.
        item.RequestClosure(Colleague, null, At(item));
        Assert.False(item.CanRemoveEvidence(file, Colleague));
        Assert.Throws<WorkflowRuleException>(() => item.RemoveEvidence(Colleague, file.Id, At(item)));
        Assert.Single(item.Evidence);
        Assert.DoesNotContain(item.Journal, j => j.Action == RectificationAction.EvidenceRemoved);
    }
}
