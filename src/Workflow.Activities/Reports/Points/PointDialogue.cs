using Workflow.Activities.Reports.Checks;
using Workflow.Activities.Reports.Diff;

namespace Workflow.Activities.Reports.Points;

/// <summary>The drafter's answer to one open point, as he sends it with the resubmission.</summary>
public sealed record PointAnswerInput(int Number, PointAnswerKind? Kind, string? Note = null, IReadOnlyList<string>? Links = null);

/// <summary>The reviewer's verdict on one answered point, as he sends it with his decision.</summary>
public sealed record PointVerdictInput(int Number, PointVerdict? Verdict);

/// <summary>
/// The point-by-point dialogue around a report's decisions (逐条说明): a return raises numbered points (and repeats the ones its
/// reviewer judged 未落实), a resubmission answers every open point, and the reviewer who raised them judges each answer before
/// his next decision. The report's own rules run first; the points never change its route.
/// </summary>
public static class PointDialogue
{
    public const int MaxPoints = 20;
    public const int MaxPointLength = 1000;
    public const int MaxNoteLength = 1000;
    public const int MaxLinksPerPoint = 10;

    /// <summary>
    /// Returns <paramref name="report"/> with <paramref name="newPoints"/> after judging the actor's answered points; the ones
    /// judged 未落实 come back first as open points. The comment may be left empty when there are points: they become it.
    /// </summary>
    public static IReadOnlyList<ReturnPoint> Return(Report report, IReadOnlyList<ReturnPoint> points, Actor actor, string? comment,
        IReadOnlyList<string?>? newPoints, IReadOnlyList<PointVerdictInput>? verdicts, bool restartFromFirstStep, DateTimeOffset at)
    {
        report.Ensure(ReportCommand.Return, actor);
        var texts = Clean(newPoints);
        var judged = Judge(points, actor, verdicts);
        var role = report.CurrentStep!.Role;
        var raised = judged.Where(j => j.Verdict == PointVerdict.Unresolved).Select(j => (j.Point.Text, (int?)j.Point.ReturnSequence))
            .Concat(texts.Select(t => (t, (int?)null))).ToList();
        if (raised.Count > MaxPoints)
            throw new WorkflowRuleException(RuleViolation.Invalid, "points-too-many",
                $"逐条意见最多{MaxPoints}条（含上次未落实的{raised.Count - texts.Count}条）。", "points");
        var composed = Compose(raised.Select(r => r.Item1).ToList());
        if (string.IsNullOrWhiteSpace(comment) && composed.Length > Report.MaxCommentLength)
            throw new WorkflowRuleException(RuleViolation.Invalid, "points-too-long",
                $"逐条意见合计不能超过{Report.MaxCommentLength}个字。", "points");
        report.Return(actor, string.IsNullOrWhiteSpace(comment) ? composed : comment, restartFromFirstStep, at);
        var sequence = report.JournalSequence;
        foreach (var (point, verdict) in judged) point.RecordVerdict(verdict, sequence, at);
        return raised.Select((r, i) => new ReturnPoint(report.Id, sequence, i + 1, r.Item1, actor, role, r.Item2, at)).ToList();
    }

    /// <summary>Approves <paramref name="report"/> after judging the actor's answered points.</summary>
    public static void Approve(Report report, IReadOnlyList<ReturnPoint> points, Actor actor, string? comment,
        IReadOnlyList<PointVerdictInput>? verdicts, DateTimeOffset at, CheckSettings? checks = null, CancellationToken ct = default,
        Func<Routes.RouteStep, IReadOnlyList<Reviewer>>? assignees = null)
    {
        report.Ensure(ReportCommand.Approve, actor);
        var judged = Judge(points, actor, verdicts);
        report.Approve(actor, comment, at, checks, ct, assignees);
        foreach (var (point, verdict) in judged) point.RecordVerdict(verdict, report.JournalSequence, at);
    }

    /// <summary>
    /// Submits <paramref name="report"/>; a returned one only with an answer to every open point (409 points-unanswered naming
    /// them). <paramref name="changed"/> are the sentences changed since the return: the only ones an answer may link to.
    /// </summary>
    public static void Submit(Report report, IReadOnlyList<ReturnPoint> points, Actor actor, IReadOnlyList<PointAnswerInput>? answers,
        IReadOnlyCollection<string> changed, DateTimeOffset at, CheckSettings? checks = null, CancellationToken ct = default,
        Func<Routes.RouteStep, IReadOnlyList<Reviewer>>? assignees = null)
    {
        report.Ensure(ReportCommand.Submit, actor);
        var open = points.Where(p => p.IsOpen).ToList();
        var given = (answers ?? []).ToList();
        var unknown = given.Where(a => open.All(p => p.Number != a.Number)).Select(a => a.Number).Distinct().ToList();
        if (unknown.Count > 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "points-unknown", $"没有待答复的第{Numbers(unknown)}条意见。", "answers");
        var planned = new List<(ReturnPoint Point, PointAnswerKind Kind, string? Note, IReadOnlyList<string> Links)>();
        var missing = new List<int>();
        foreach (var point in open)
        {
            var answer = given.LastOrDefault(a => a.Number == point.Number);
            var note = UserText.Check(answer?.Note, "answers")?.Trim();
            if (answer?.Kind is not { } kind || kind == PointAnswerKind.Explained && string.IsNullOrEmpty(note))
            {
                missing.Add(point.Number);
                continue;
            }
            if (note?.Length > MaxNoteLength)
                throw new WorkflowRuleException(RuleViolation.Invalid, "answer-too-long", $"第{point.Number}条的说明不能超过{MaxNoteLength}个字。", "answers");
            var links = (answer.Links ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct().ToList();
            if (links.Count > MaxLinksPerPoint)
                throw new WorkflowRuleException(RuleViolation.Invalid, "answer-links-too-many", $"每条意见最多关联{MaxLinksPerPoint}处修改。", "answers");
            if (links.FirstOrDefault(l => !changed.Contains(l)) is not null)
                throw new WorkflowRuleException(RuleViolation.Invalid, "answer-link-invalid",
                    $"第{point.Number}条关联的句子不是退回后修改的内容，请从修改对比中选择。", "answers");
            planned.Add((point, kind, string.IsNullOrEmpty(note) ? null : note, links));
        }
        if (missing.Count > 0)
            throw new WorkflowRuleException(RuleViolation.Conflict, "points-unanswered",
                $"退回意见第{Numbers(missing)}条尚未答复：请逐条选择“已修改”或写明不修改的理由后再提交。", "answers");
        report.Submit(actor, at, checks, ct, assignees);
        foreach (var p in planned) p.Point.RecordAnswer(p.Kind, p.Note, p.Links, report.JournalSequence, at);
    }

    /// <summary>The answered points that wait for <paramref name="actor"/>'s verdict: only the reviewer who raised a point judges it.</summary>
    public static IReadOnlyList<ReturnPoint> AwaitingVerdictOf(IEnumerable<ReturnPoint> points, Actor actor) =>
        points.Where(p => p.AwaitsVerdict && p.ReviewerId == actor.UserId).OrderBy(p => p.ReturnSequence).ThenBy(p => p.Number).ToList();

    /// <summary>The sentences of the new text that a diff shows as inserted or modified: what an answer may link to.</summary>
    public static IReadOnlyList<string> ChangedSentences(RevisionDiff? diff) =>
        (diff?.Sentences ?? []).Where(s => s.Kind is ChangeKind.Inserted or ChangeKind.Modified && !string.IsNullOrWhiteSpace(s.New))
            .Select(s => s.New!).Distinct().ToList();

    /// <summary>The points as one comment, "1. …" per line: the journal's comment of a return given only as points.</summary>
    public static string Compose(IReadOnlyList<string> points) =>
        string.Join("\n", points.Select((p, i) => $"{i + 1}. {p}"));

    /// <summary>Trims the points typed or sent, drops empty ones, and refuses too many or too long ones.</summary>
    public static IReadOnlyList<string> Clean(IReadOnlyList<string?>? points)
    {
        var clean = (points ?? []).Select(p => UserText.Check(p, "points")?.Trim() ?? "").Where(p => p.Length > 0).ToList();
        if (clean.Count > MaxPoints)
            throw new WorkflowRuleException(RuleViolation.Invalid, "points-too-many", $"逐条意见最多{MaxPoints}条。", "points");
        var tooLong = clean.FindIndex(p => p.Length > MaxPointLength);
        if (tooLong >= 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "point-too-long", $"第{tooLong + 1}条意见不能超过{MaxPointLength}个字。", "points");
        return clean;
    }

    // Every point awaiting the actor's verdict must be judged with this decision; a verdict on anything else is refused.
    private static List<(ReturnPoint Point, PointVerdict Verdict)> Judge(IReadOnlyList<ReturnPoint> points, Actor actor,
        IReadOnlyList<PointVerdictInput>? verdicts)
    {
        var awaiting = AwaitingVerdictOf(points, actor);
        var given = (verdicts ?? []).ToList();
        var unknown = given.Where(v => awaiting.All(p => p.Number != v.Number)).Select(v => v.Number).Distinct().ToList();
        if (unknown.Count > 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "points-unknown",
                $"第{Numbers(unknown)}条不是等待您评判的意见（只有提出意见的审核人可以评判）。", "verdicts");
        var judged = awaiting.Select(p => (Point: p, Verdict: given.LastOrDefault(v => v.Number == p.Number)?.Verdict)).ToList();
        var missing = judged.Where(j => j.Verdict is null).Select(j => j.Point.Number).ToList();
        if (missing.Count > 0)
            throw new WorkflowRuleException(RuleViolation.Conflict, "points-unjudged",
                $"请先逐条评判起草人的答复：第{Numbers(missing)}条尚未标记“已落实”或“未落实”。", "verdicts");
        return judged.Select(j => (j.Point, j.Verdict!.Value)).ToList();
    }

    private static string Numbers(IEnumerable<int> numbers) => string.Join("、", numbers.Order());
}
