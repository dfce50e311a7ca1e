using Microsoft.AspNetCore.Mvc.ModelBinding;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Points;

namespace Workflow.Web.Pages.Reports;

/// <summary>The points of one return (逐条意见), in number order.</summary>
public sealed record PointRound(int ReturnSequence, string Reviewer, string ReviewerRole, DateTimeOffset At, IReadOnlyList<ReturnPoint> Points);

/// <summary>
/// What the report page shows of the point-by-point dialogue: every return's points with answers and verdicts (newest return
/// first), the open points the drafter answers now, the answered points this reviewer judges now, and the refusals to show
/// beside them.
/// </summary>
public sealed record PointsView(IReadOnlyList<PointRound> Rounds, IReadOnlyList<ReturnPoint> ToAnswer, IReadOnlyList<ReturnPoint> ToJudge,
    IReadOnlyList<string> Changed, string? AnswerError, string? VerdictError)
{
    public static PointsView Empty { get; } = new([], [], [], [], null, null);

    public bool Any => Rounds.Count > 0;

    public static PointsView For(IReadOnlyList<ReturnPoint> points, Actor actor, IReadOnlyList<ReportCommand> allowed, IReadOnlyList<string> changed,
        ModelStateDictionary state)
    {
        var rounds = points.GroupBy(p => p.ReturnSequence).OrderByDescending(g => g.Key)
            .Select(g => new PointRound(g.Key, g.First().ReviewerName, g.First().ReviewerRole, g.First().RaisedAt, g.OrderBy(p => p.Number).ToList()))
            .ToList();
        var toAnswer = allowed.Contains(ReportCommand.Submit) ? points.Where(p => p.IsOpen).OrderBy(p => p.Number).ToList() : [];
        var toJudge = allowed.Contains(ReportCommand.Approve) || allowed.Contains(ReportCommand.Return)
            ? PointDialogue.AwaitingVerdictOf(points, actor)
            : [];
        return new PointsView(rounds, toAnswer, toJudge, changed, Take(state, "Answers"), Take(state, "Verdicts"));
    }

    // A refusal about the points is shown beside them, not in the summary at the top.
    private static string? Take(ModelStateDictionary state, string key)
    {
        if (!state.TryGetValue(key, out var entry) || entry.Errors.Count == 0) return null;
        var message = entry.Errors[0].ErrorMessage;
        state.Remove(key);
        return message;
    }
}
