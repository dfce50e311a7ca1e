using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Diff;
using Workflow.Activities.Reports.Points;
using Workflow.Host.Identity;

namespace Workflow.Host.Reports;

/// <summary>
/// 逐条说明: a return's numbered points, the drafter's answers and the reviewer's verdicts, each saved in the transaction of the
/// decision or resubmission it belongs to.
/// </summary>
public sealed partial class ReportService
{
    /// <summary>Every point of report <paramref name="id"/> (another unit's report: not found), in return and number order.</summary>
    public async Task<List<ReturnPoint>> PointsAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        await EnsureVisibleAsync(user, id, ct);
        return await PointsOf(id).AsNoTracking().ToListAsync(ct);
    }

    /// <summary>The points of a report the caller already holds (just read or decided): no second visibility check, which a
    /// stand-in (委托) would fail right after his decision moved the report on.</summary>
    public Task<List<ReturnPoint>> PointsAsync(Report report, CancellationToken ct = default) =>
        _decided is { } decided && decided.ReportId == report.Id
            ? Task.FromResult(decided.Points.OrderBy(p => p.ReturnSequence).ThenBy(p => p.Number).ToList())
            : PointsOf(report.Id).AsNoTracking().ToListAsync(ct);

    // The points of the report this request just decided or submitted, as that save left them (the ones it read, answered or judged,
    // and the ones it raised): the answer is built from them instead of reading them again.
    private (Guid ReportId, IReadOnlyList<ReturnPoint> Points)? _decided;

    /// <summary>
    /// What the drafter of a returned report may link his answers to: the sentences changed since the return that raised the open
    /// points (empty when nothing is open or nothing changed).
    /// </summary>
    public async Task<RevisionDiff?> DiffSinceOpenPointsAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        var report = await GetAsync(user, id, ct);
        var points = await PointsOf(id).AsNoTracking().ToListAsync(ct);
        return await DiffSinceOpenPointsAsync(report, points, ct);
    }

    /// <summary>The same for a report and its points the caller already holds (a page that shows both).</summary>
    public async Task<RevisionDiff?> DiffSinceOpenPointsAsync(Report report, IReadOnlyList<ReturnPoint> points, CancellationToken ct = default)
    {
        if (points.FirstOrDefault(p => p.IsOpen) is not { } open) return null;
        var returnedAt = await db.ReportJournal.AsNoTracking().Where(j => j.ReportId == report.Id && j.Sequence == open.ReturnSequence)
            .Select(j => j.Revision).FirstAsync(ct);
        if (returnedAt >= report.Revision) return null;
        var from = await db.ReportRevisions.AsNoTracking().FirstAsync(v => v.ReportId == report.Id && v.Number == returnedAt, ct);
        var to = await db.ReportRevisions.AsNoTracking().FirstAsync(v => v.ReportId == report.Id && v.Number == report.Revision, ct);
        return RevisionDiff.Between(from, to, ct);
    }

    /// <summary>
    /// Returns the report with numbered points (or a comment split into them when <paramref name="splitComment"/>) and the verdicts
    /// on the answers the user's earlier points received; points he judges 未落实 come back as open points.
    /// </summary>
    public async Task<Report> ReturnWithPointsAsync(UserContext user, Guid id, string? comment, IReadOnlyList<string?>? points,
        bool splitComment, IReadOnlyList<PointVerdictInput>? verdicts, bool restartFromFirstStep = false,
        IReadOnlyList<string>? requirements = null, CancellationToken ct = default, IReadOnlyList<string>? copyTo = null)
    {
        if (splitComment && points is { Count: > 0 })
            throw new WorkflowRuleException(RuleViolation.Invalid, "points-and-split", "请只给出逐条意见或要求拆分退回意见，不要同时给出。", "points");
        var raised = points;
        if (splitComment)
        {
            var split = ReturnPointSplitter.Split(comment);
            raised = [.. split.Points];
            comment = split.Preamble.Length > 0 ? split.Preamble : null;
        }
        return await RetryingTaskDecisionAsync(user, id, async () =>
        {
            var existing = await TrackedPointsAsync(id, ct);
            IReadOnlyList<ReturnPoint> added = [];
            var decided = await DecideAsync(user, id, ReportCommand.Return, requirements, copyTo, (report, actor) =>
            {
                added = PointDialogue.Return(report, existing, actor, comment, raised, verdicts, restartFromFirstStep, clock.GetUtcNow());
                db.ReturnPoints.AddRange(added);
                return Task.CompletedTask;
            }, ct);
            _decided = (id, [.. existing, .. added]);
            return decided;
        }, ct);
    }

    /// <summary>Approves with the verdicts on the answers the user's points received.</summary>
    public async Task<Report> ApproveWithVerdictsAsync(UserContext user, Guid id, string? comment, IReadOnlyList<PointVerdictInput>? verdicts,
        IReadOnlyList<string>? requirements = null, CancellationToken ct = default, IReadOnlyList<string>? copyTo = null)
    {
        return await RetryingTaskDecisionAsync(user, id, async () =>
        {
            var existing = await TrackedPointsAsync(id, ct);
            var decided = await DecideAsync(user, id, ReportCommand.Approve, requirements, copyTo, async (report, actor) =>
            {
                var assignees = await candidates.AssigneesAsync(report, ct);
                PointDialogue.Approve(report, existing, actor, comment, verdicts, clock.GetUtcNow(), CheckSettings, ct, assignees);
            }, ct);
            _decided = (id, existing);
            return decided;
        }, ct);
    }

    /// <summary>Submits; a returned report only with an answer to each open point, its links taken from the changes since the return.</summary>
    public async Task<Report> SubmitWithAnswersAsync(UserContext user, Guid id, IReadOnlyList<PointAnswerInput>? answers,
        CancellationToken ct = default, IReadOnlyList<string>? copyTo = null)
    {
        var existing = await TrackedPointsAsync(id, ct);
        var submitted = await ChangeAsync(user, id, async report =>
        {
            var changed = PointDialogue.ChangedSentences(await DiffSinceOpenPointsAsync(report, existing, ct));
            var actor = user.ActorAt(report.UnitId);
            PointDialogue.Submit(report, existing, actor, answers, changed, clock.GetUtcNow(), CheckSettings, ct,
                await candidates.AssigneesAsync(report, ct));
            await copying.CopyAsync(report, actor, copyTo, ct);
        }, ct);
        _decided = (id, existing);
        return submitted;
    }

    // The points a decision or submission reads, tracked since it may answer or judge them: compiled, as every transition reads them.
    private async Task<List<ReturnPoint>> TrackedPointsAsync(Guid id, CancellationToken ct)
    {
        var points = new List<ReturnPoint>();
        await foreach (var point in TrackedPoints.For(db)(db, id).WithCancellation(ct)) points.Add(point);
        return points;
    }

    private static readonly Data.PerModel<Func<Data.AppDbContext, Guid, IAsyncEnumerable<ReturnPoint>>> TrackedPoints = new(() =>
        EF.CompileAsyncQuery<Data.AppDbContext, Guid, ReturnPoint>((db, id) =>
            db.ReturnPoints.Where(p => p.ReportId == id).OrderBy(p => p.ReturnSequence).ThenBy(p => p.Number)));

    private IQueryable<ReturnPoint> PointsOf(Guid id) =>
        db.ReturnPoints.Where(p => p.ReportId == id).OrderBy(p => p.ReturnSequence).ThenBy(p => p.Number);

    // The 审批单 opinion of a journal row with the points it raised (unless its comment already is them), answered or judged.
    private static string WithPoints(string opinion, ReportJournalEntry entry, IReadOnlyList<ReturnPoint> points)
    {
        var lines = new List<string>();
        if (opinion.Length > 0) lines.Add(opinion);
        var raised = points.Where(p => p.ReturnSequence == entry.Sequence).OrderBy(p => p.Number).ToList();
        if (raised.Count > 0 && entry.Comment != PointDialogue.Compose(raised.Select(p => p.Text).ToList()))
            lines.Add("逐条意见：" + string.Join("；", raised.Select(p => $"{p.Number}. {p.Text}")));
        if (raised.Any(p => p.CarriedFromSequence is not null))
            lines.Add("其中上次未落实：第" + string.Join("、", raised.Where(p => p.CarriedFromSequence is not null).Select(p => p.Number)) + "条");
        var answered = points.Where(p => p.AnswerSequence == entry.Sequence).OrderBy(p => p.Number).ToList();
        if (answered.Count > 0)
            lines.Add("逐条答复：" + string.Join("；", answered.Select(p => $"第{p.Number}条 {p.Answer!.Value.Label()}" +
                (p.AnswerNote is null ? "" : $"（{p.AnswerNote}）") + (p.LinkedSentences.Count > 0 ? $"，关联修改{p.LinkedSentences.Count}处" : ""))));
        var judged = points.Where(p => p.VerdictSequence == entry.Sequence).OrderBy(p => p.Number).ToList();
        if (judged.Count > 0)
            lines.Add("逐条评判：" + string.Join("；", judged.Select(p => $"第{p.Number}条 {p.Verdict!.Value.Label()}")));
        return string.Join("\n", lines);
    }
}
