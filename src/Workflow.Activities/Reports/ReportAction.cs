namespace Workflow.Activities.Reports;

/// <summary>What a journal row records. Stored as text; never renumber.</summary>
public enum ReportAction
{
    Created,
    Edited,
    Submitted,
    Resubmitted,
    Withdrawn,
    Approved,
    Returned,

    /// <summary>A 会签 member (or an added reviewer) approved; the step waits for the others.</summary>
    Countersigned,

    /// <summary>转办: the step handed to the journal row's target.</summary>
    Transferred,

    /// <summary>前加签: the target reviews before the step comes back.</summary>
    ReviewerAddedBefore,

    /// <summary>后加签: the actor approved and the target reviews before the step completes.</summary>
    ReviewerAddedAfter,
}

/// <summary>The commands a user may ask for on a report; the API names are the lower-case forms.</summary>
public enum ReportCommand
{
    Edit,
    Submit,
    Withdraw,
    Approve,
    Return,

    /// <summary>转办 the current step to a colleague.</summary>
    Transfer,

    /// <summary>加签 a reviewer before or after one's own decision.</summary>
    AddReviewer,
}

public static class ReportActionLabels
{
    public static string Label(this ReportAction action) => action switch
    {
        ReportAction.Created => "创建",
        ReportAction.Edited => "修改",
        ReportAction.Submitted => "提交",
        ReportAction.Resubmitted => "重新提交",
        ReportAction.Withdrawn => "撤回",
        ReportAction.Approved => "审核通过",
        ReportAction.Returned => "退回",
        ReportAction.Countersigned => "会签同意",
        ReportAction.Transferred => "转办",
        ReportAction.ReviewerAddedBefore => "前加签",
        ReportAction.ReviewerAddedAfter => "后加签",
        _ => action.ToString(),
    };

    /// <summary>The label of a journal row: an added reviewer's approval reads "加签意见".</summary>
    public static string Label(this ReportJournalEntry entry) =>
        entry.Action == ReportAction.Countersigned && entry.ActorRole == ReviewTask.AddedReviewerRole ? "加签意见" : entry.Action.Label();

    /// <summary>"edit", "approve", "addReviewer": the command's name with a lower-case first letter.</summary>
    public static string ApiName(this ReportCommand command) =>
        char.ToLowerInvariant(command.ToString()[0]) + command.ToString()[1..];
}
