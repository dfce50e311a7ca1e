using Workflow.Activities.Reminders;

namespace Workflow.Activities.Messages;

/// <summary>What a message (站内消息) is about; each kind has its own delivery preference.</summary>
public enum MessageKind
{
    /// <summary>A new task or a deadline that is near (【待办】).</summary>
    ReminderDue,

    /// <summary>My task is overdue (【逾期】).</summary>
    ReminderOverdue,

    /// <summary>Someone else's task I must push is overdue (【逾期】【督办】).</summary>
    ReminderEscalation,

    /// <summary>My unit's report was returned or approved.</summary>
    ReportDecided,

    /// <summary>My closure request (申请销号) was rejected or approved.</summary>
    ClosureDecided,

    /// <summary>My extension request (申请延期) was approved or rejected.</summary>
    ExtensionDecided,

    /// <summary>Someone pressed 催办 on work waiting for me.</summary>
    Urge,

    /// <summary>A report was copied to me (抄送/知会): to read, nothing to decide.</summary>
    Copied,

    /// <summary>Any other mail the system sends to a user.</summary>
    Other,
}

/// <summary>How a user wants one kind of message: in the app only, in the app and by mail at once, or in the daily digest mail.</summary>
public enum MessageDelivery
{
    InApp,
    InAppAndMail,
    Digest,
}

/// <summary>Names, defaults and the mapping of reminders and mail subjects to kinds: one home for the message rules.</summary>
public static class MessageKinds
{
    public static readonly IReadOnlyList<MessageKind> All = Enum.GetValues<MessageKind>();

    /// <summary>The reminder kinds, which the old per-user 每日汇总 setting governed.</summary>
    public static readonly IReadOnlyList<MessageKind> Reminders = [MessageKind.ReminderDue, MessageKind.ReminderOverdue, MessageKind.ReminderEscalation];

    public static string Label(this MessageKind kind) => kind switch
    {
        MessageKind.ReminderDue => "待办与到期提醒",
        MessageKind.ReminderOverdue => "逾期提醒",
        MessageKind.ReminderEscalation => "督办提醒（他人逾期）",
        MessageKind.ReportDecided => "我的报告被退回或通过",
        MessageKind.ClosureDecided => "销号申请的审核结果",
        MessageKind.ExtensionDecided => "延期申请的审批结果",
        MessageKind.Urge => "催办",
        MessageKind.Copied => "知会（抄送我的报告）",
        _ => "其他通知",
    };

    public static string Label(this MessageDelivery delivery) => delivery switch
    {
        MessageDelivery.InApp => "仅站内",
        MessageDelivery.InAppAndMail => "站内+邮件",
        _ => "每日汇总",
    };

    /// <summary>Without a stored choice every kind is mailed at once as well, as every reminder was before messages existed.</summary>
    public const MessageDelivery DefaultDelivery = MessageDelivery.InAppAndMail;

    public static MessageKind OfReminder(ReminderKind kind, ReminderAudience audience) =>
        audience == ReminderAudience.Escalation ? MessageKind.ReminderEscalation
        : kind == ReminderKind.Overdue ? MessageKind.ReminderOverdue
        : MessageKind.ReminderDue;

    /// <summary>The kind of a mail written straight to the outbox, read from the subject tag people sort their mail by.</summary>
    public static MessageKind OfMailSubject(string subject) =>
        subject.Contains("【催办】", StringComparison.Ordinal) ? MessageKind.Urge : MessageKind.Other;
}
