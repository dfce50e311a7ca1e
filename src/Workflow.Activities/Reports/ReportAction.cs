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
}

/// <summary>The commands a user may ask for on a report; the API names are the lower-case forms.</summary>
public enum ReportCommand
{
    Edit,
    Submit,
    Withdraw,
    Approve,
    Return,
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
        _ => action.ToString(),
    };

    public static string ApiName(this ReportCommand command) => command.ToString().ToLowerInvariant();
}
