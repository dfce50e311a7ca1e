using Workflow.Activities;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>Where one step of the bar stands.</summary>
public enum StepState
{
    Done,
    Current,
    Upcoming,
}

/// <summary>One step of the bar: 草稿, each step of the report's route version, 已通过.</summary>
public sealed record StepBarItem(string Key, string Name, StepState State, string? Note = null);

/// <summary>
/// The report page's step bar: the route's steps in order, the current one with who holds it now, since when and, on a review
/// step, its deadline as the reminders count it.
/// </summary>
public sealed record StepBar(IReadOnlyList<StepBarItem> Items, string? Holders, DateTimeOffset Since, StepDeadline? Deadline, bool Returned)
{
    /// <summary>The bar of <paramref name="report"/>; <paramref name="holders"/> names who holds the current step (empty: the role's name is shown).</summary>
    public static StepBar Of(Report report, IReadOnlyList<string> holders, StepDeadline? deadline)
    {
        var route = report.Route;
        var items = new List<StepBarItem>();
        var status = report.Status;
        var atDrafter = status == ReportStatus.Draft || status == ReportStatus.Returned;
        // Back at the drafter, the steps before the one the report resumes at stay passed (原路返回); a restart passes none.
        var passedUpTo = status == ReportStatus.Approved ? route.Steps.Count
            : atDrafter ? report.ResumeStatus is { } resume ? Math.Max(0, route.IndexOf(resume)) : 0
            : Math.Max(0, route.IndexOf(status));
        items.Add(new StepBarItem("Draft", status == ReportStatus.Returned ? "已退回" : ReportStatus.Draft.Label(),
            atDrafter ? StepState.Current : StepState.Done, status == ReportStatus.Returned ? "起草人修改后重新提交" : null));
        for (var i = 0; i < route.Steps.Count; i++)
        {
            var step = route.Steps[i];
            var state = i < passedUpTo ? StepState.Done : !atDrafter && step.Status == status ? StepState.Current : StepState.Upcoming;
            var note = atDrafter && report.ResumeStatus == step.Status ? "重新提交后回到此环节" : null;
            items.Add(new StepBarItem(step.Status.ToString(), step.Name + Display.ModeNote(step), state, note));
            if (state == StepState.Current) items.AddRange(AddedReviewers(report));
        }
        // An approved report has passed every step, the last one included: nothing is "current" any more.
        items.Add(new StepBarItem("Approved", ReportStatus.Approved.Label(), status == ReportStatus.Approved ? StepState.Done : StepState.Upcoming));
        var role = atDrafter ? RoleNames.Drafter : report.CurrentStep?.Role;
        var who = holders.Count > 0 ? string.Join("、", holders) : role is null ? null : RoleNames.Label(role);
        return new StepBar(items, who, report.StatusSince, deadline, status == ReportStatus.Returned);
    }

    // 加签: each open added reviewer of the current round as a node inserted after the step; the one the step waits for is current.
    private static IEnumerable<StepBarItem> AddedReviewers(Report report)
    {
        var waiting = report.WaitingTasks();
        return report.TasksOfRound().Where(t => t.IsOpen && t.Kind is ReviewTaskKind.AddedBefore or ReviewTaskKind.AddedAfter)
            .Select(t => new StepBarItem($"added-{t.Number}", $"{t.Kind.Label()}：{t.UserName}",
                waiting.Contains(t) ? StepState.Current : StepState.Upcoming,
                t.Kind == ReviewTaskKind.AddedBefore && t.ByName is { } by ? $"审核后返回 {by}" : null));
    }

    public static string StateText(StepState state) => state switch
    {
        StepState.Done => "已完成",
        StepState.Current => "当前环节",
        _ => "未开始",
    };

    public static string UrgencyCss(DeadlineUrgency urgency) => urgency switch
    {
        DeadlineUrgency.Overdue => "due-overdue",
        DeadlineUrgency.DueSoon => "due-soon",
        _ => "due-ok",
    };
}
