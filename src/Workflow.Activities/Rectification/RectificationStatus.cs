namespace Workflow.Activities.Rectification;

/// <summary>Where a rectification item stands. Stored as text; the API uses these names.</summary>
public enum RectificationStatus
{
    NotStarted,
    InProgress,
    ClosureRequested,
    Closed,
    LongTerm,
}

/// <summary>Where a rectification item came from (来源).</summary>
public enum RectificationSource
{
    /// <summary>年度报告自查: a problem the unit wrote in its own report.</summary>
    SelfInspection,

    /// <summary>审核意见: a requirement a reviewer added when approving or returning a report.</summary>
    ReviewOpinion,

    /// <summary>巡视巡察.</summary>
    Inspection,

    /// <summary>专项检查.</summary>
    SpecialCheck,

    /// <summary>其他.</summary>
    Other,
}

/// <summary>What a journal row of an item records. Stored as text; never renumber.</summary>
public enum RectificationAction
{
    Created,
    Updated,
    Started,
    EvidenceAdded,
    ClosureRequested,
    ClosureApproved,
    ClosureRejected,
    MarkedLongTerm,
    Reopened,
    ExtensionRequested,
    ExtensionApproved,
    ExtensionRejected,
    EvidenceRemoved,
}

/// <summary>The commands a user may ask for on an item; the API names are the kebab-case forms.</summary>
public enum RectificationCommand
{
    Update,
    Start,
    UploadEvidence,
    RequestClosure,
    ApproveClosure,
    RejectClosure,
    MarkLongTerm,
    Reopen,
    RequestExtension,
    ApproveExtension,
    RejectExtension,
}

/// <summary>The ledger's traffic light (红绿灯).</summary>
public enum TrafficLight
{
    /// <summary>绿: on track.</summary>
    Green,

    /// <summary>黄: due within 7 days.</summary>
    Yellow,

    /// <summary>红: overdue.</summary>
    Red,

    /// <summary>灰: closed.</summary>
    Grey,

    /// <summary>灰 待指定: open, but without an owner or a deadline yet.</summary>
    Unassigned,
}

/// <summary>Chinese labels and API names of the rectification enums.</summary>
public static class RectificationLabels
{
    public static string Label(this RectificationStatus status) => status switch
    {
        RectificationStatus.NotStarted => "未开始",
        RectificationStatus.InProgress => "整改中",
        RectificationStatus.ClosureRequested => "申请销号",
        RectificationStatus.Closed => "已销号",
        RectificationStatus.LongTerm => "长期坚持",
        _ => status.ToString(),
    };

    public static string Label(this RectificationSource source) => source switch
    {
        RectificationSource.SelfInspection => "年度报告自查",
        RectificationSource.ReviewOpinion => "审核意见",
        RectificationSource.Inspection => "巡视巡察",
        RectificationSource.SpecialCheck => "专项检查",
        RectificationSource.Other => "其他",
        _ => source.ToString(),
    };

    public static string Label(this TrafficLight light) => light switch
    {
        TrafficLight.Green => "绿",
        TrafficLight.Yellow => "黄",
        TrafficLight.Red => "红",
        TrafficLight.Grey => "灰",
        TrafficLight.Unassigned => "待指定",
        _ => light.ToString(),
    };

    public static string Label(this RectificationAction action) => action switch
    {
        RectificationAction.Created => "创建",
        RectificationAction.Updated => "修改",
        RectificationAction.Started => "开始整改",
        RectificationAction.EvidenceAdded => "上传佐证材料",
        RectificationAction.ClosureRequested => "申请销号",
        RectificationAction.ClosureApproved => "同意销号",
        RectificationAction.ClosureRejected => "退回二次整改",
        RectificationAction.MarkedLongTerm => "转为长期坚持",
        RectificationAction.Reopened => "回头看重新整改",
        RectificationAction.ExtensionRequested => "申请延期",
        RectificationAction.ExtensionApproved => "同意延期",
        RectificationAction.ExtensionRejected => "不同意延期",
        RectificationAction.EvidenceRemoved => "删除佐证材料",
        _ => action.ToString(),
    };

    public static string Label(this RectificationCommand command) => command switch
    {
        RectificationCommand.Update => "修改",
        RectificationCommand.Start => "开始整改",
        RectificationCommand.UploadEvidence => "上传佐证材料",
        RectificationCommand.RequestClosure => "申请销号",
        RectificationCommand.ApproveClosure => "同意销号",
        RectificationCommand.RejectClosure => "退回二次整改",
        RectificationCommand.MarkLongTerm => "转为长期坚持",
        RectificationCommand.Reopen => "回头看重新整改",
        RectificationCommand.RequestExtension => "申请延期",
        RectificationCommand.ApproveExtension => "同意延期",
        RectificationCommand.RejectExtension => "不同意延期",
        _ => command.ToString(),
    };

    /// <summary>"request-closure" for RequestClosure: the last segment of the API path.</summary>
    public static string ApiName(this RectificationCommand command) =>
        string.Concat(command.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>Parses a Chinese label or an enum name; null when neither matches.</summary>
    public static RectificationSource? ParseSource(string? text)
    {
        var clean = text?.Trim();
        if (string.IsNullOrEmpty(clean)) return null;
        foreach (var s in Enum.GetValues<RectificationSource>())
            if (s.Label() == clean || string.Equals(s.ToString(), clean, StringComparison.OrdinalIgnoreCase))
                return s;
        return null;
    }
}
