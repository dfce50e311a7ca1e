using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Points;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests.Points;

/// <summary>逐条说明: a return's points are answered one by one on resubmission and judged by the reviewer who raised them.</summary>
public sealed class PointDialogueTests
{
    private static readonly HashSet<string> NoChanges = [];

    private static (Report Report, List<ReturnPoint> Points) ReturnedWithTwoPoints()
    {
        var report = WaitingAt(ReportStatus.SecretaryReview);
        var points = PointDialogue.Return(report, [], Secretary, null, ["问题不具体", "措施无时限"], null, false, Next(report)).ToList();
        return (report, points);
    }

    [Fact]
    public void A_return_given_as_points_numbers_them_and_makes_them_its_comment()
    {
        var (report, points) = ReturnedWithTwoPoints();

        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.Equal("1. 问题不具体\n2. 措施无时限", report.Journal[^1].Comment);
        Assert.Equal([(1, "问题不具体"), (2, "措施无时限")], points.Select(p => (p.Number, p.Text)));
        Assert.All(points, p => Assert.Equal((report.JournalSequence, Secretary.UserId, RoleNames.PartySecretary),
            (p.ReturnSequence, p.ReviewerId, p.ReviewerRole)));
    }

    [Fact]
    public void Resubmitting_with_a_point_unanswered_is_refused_naming_it()
    {
        var (report, points) = ReturnedWithTwoPoints();
        var before = report.JournalSequence;

        var refusal = Assert.Throws<WorkflowRuleException>(() => PointDialogue.Submit(report, points, Drafter,
            [new PointAnswerInput(1, PointAnswerKind.Changed), new PointAnswerInput(2, PointAnswerKind.Explained, "  ")], NoChanges, Next(report)));

        Assert.Equal(("points-unanswered", RuleViolation.Conflict), (refusal.Code, refusal.Violation));
        Assert.Contains("第2条", refusal.Message);
        Assert.Equal((ReportStatus.Returned, before), (report.Status, report.JournalSequence));
        Assert.All(points, p => Assert.True(p.IsOpen));
    }

    [Fact]
    public void Answers_are_saved_with_the_resubmission_and_may_link_changed_sentences_only()
    {
        var (report, points) = ReturnedWithTwoPoints();
        HashSet<string> changed = ["补充了三个具体事例。"];

        var bad = Assert.Throws<WorkflowRuleException>(() => PointDialogue.Submit(report, points, Drafter,
            [new PointAnswerInput(1, PointAnswerKind.Changed, null, ["没有改过的句子。"]), new PointAnswerInput(2, PointAnswerKind.Explained, "已在附件说明")],
            changed, Next(report)));
        Assert.Equal("answer-link-invalid", bad.Code);

        PointDialogue.Submit(report, points, Drafter,
            [new PointAnswerInput(1, PointAnswerKind.Changed, null, ["补充了三个具体事例。"]), new PointAnswerInput(2, PointAnswerKind.Explained, "时限以党组会议定为准")],
            changed, Next(report));

        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
        Assert.Equal(ReportAction.Resubmitted, report.Journal[^1].Action);
        Assert.Equal(["补充了三个具体事例。"], points[0].LinkedSentences);
        Assert.Equal((PointAnswerKind.Explained, "时限以党组会议定为准", report.JournalSequence),
            (points[1].Answer!.Value, points[1].AnswerNote, points[1].AnswerSequence));
    }

    [Fact]
    public void The_reviewer_must_judge_every_answer_before_deciding_and_unresolved_points_carry_over()
    {
        var (report, points) = ReturnedWithTwoPoints();
        PointDialogue.Submit(report, points, Drafter,
            [new PointAnswerInput(1, PointAnswerKind.Changed), new PointAnswerInput(2, PointAnswerKind.Explained, "理由")], NoChanges, Next(report));

        var unjudged = Assert.Throws<WorkflowRuleException>(() => PointDialogue.Approve(report, points, Secretary, null,
            [new PointVerdictInput(1, PointVerdict.Resolved)], Next(report)));
        Assert.Equal("points-unjudged", unjudged.Code);
        Assert.Contains("第2条", unjudged.Message);

        var again = PointDialogue.Return(report, points, Secretary, null, ["新发现的问题"],
            [new PointVerdictInput(1, PointVerdict.Resolved), new PointVerdictInput(2, PointVerdict.Unresolved)], false, Next(report));

        Assert.Equal((PointVerdict.Resolved, PointVerdict.Unresolved), (points[0].Verdict!.Value, points[1].Verdict!.Value));
        Assert.Equal([(1, "措施无时限", (int?)points[1].ReturnSequence), (2, "新发现的问题", null)],
            again.Select(p => (p.Number, p.Text, p.CarriedFromSequence)));
        Assert.All(again, p => Assert.Equal(report.JournalSequence, p.ReturnSequence));
    }

    [Fact]
    public void Only_the_reviewer_who_raised_a_point_judges_it()
    {
        var (report, points) = ReturnedWithTwoPoints();
        PointDialogue.Submit(report, points, Drafter,
            [new PointAnswerInput(1, PointAnswerKind.Changed), new PointAnswerInput(2, PointAnswerKind.Changed)], NoChanges, Next(report));
        var colleague = Make("s2", RoleNames.PartySecretary);

        var refusal = Assert.Throws<WorkflowRuleException>(() => PointDialogue.Approve(report, points, colleague, null,
            [new PointVerdictInput(1, PointVerdict.Resolved)], Next(report)));
        Assert.Equal("points-unknown", refusal.Code);

        PointDialogue.Approve(report, points, colleague, null, null, Next(report));
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
        Assert.All(points, p => Assert.Null(p.Verdict));
    }

    [Fact]
    public void Points_are_bounded()
    {
        var report = WaitingAt(ReportStatus.SecretaryReview);

        var many = Assert.Throws<WorkflowRuleException>(() => PointDialogue.Return(report, [], Secretary, null,
            Enumerable.Range(1, PointDialogue.MaxPoints + 1).Select(i => (string?)$"问题{i}").ToList(), null, false, Next(report)));
        var longOne = Assert.Throws<WorkflowRuleException>(() => PointDialogue.Return(report, [], Secretary, null,
            ["短", new string('长', PointDialogue.MaxPointLength + 1)], null, false, Next(report)));

        Assert.Equal(("points-too-many", "point-too-long"), (many.Code, longOne.Code));
        Assert.Contains("第2条", longOne.Message);
        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
    }

    [Fact]
    public void A_drafter_cannot_answer_for_a_reviewer_nor_a_reviewer_return_out_of_turn()
    {
        var (report, points) = ReturnedWithTwoPoints();

        var refusal = Assert.Throws<WorkflowRuleException>(() => PointDialogue.Return(report, points, Secretary, null, ["再退"], null, false, Next(report)));
        var notDrafter = Assert.Throws<WorkflowRuleException>(() => PointDialogue.Submit(report, points, Secretary, [], NoChanges, Next(report)));

        Assert.Equal(RuleViolation.Conflict, refusal.Violation);
        Assert.Equal(RuleViolation.Forbidden, notDrafter.Violation);
    }
}
