using System.Net;
using System.Text;
using Workflow.Activities.Cycles;
using Workflow.Activities.Reminders;
using Workflow.Host.Reminders;

namespace Workflow.Host.Cycles;

/// <summary>The 【催办】 mail: who urges, what waits (the unit's report at a step, or its report not yet submitted), the deadline, a link.</summary>
public static class UrgeMail
{
    public static ReminderMail.Content Compose(ReportingCycle cycle, BoardRow row, string recipientName, string urgedBy, string link)
    {
        var what = row.Standing.State switch
        {
            UnitState.InReview => $"{row.UnitName}的《{row.ReportTitle}》正在“{row.Standing.Step!.Name}”环节等待您审核",
            UnitState.Returned => $"{row.UnitName}的《{row.ReportTitle}》已被退回，请尽快修改后重新报送",
            _ => $"{row.UnitName}{cycle.Name}主体责任报告尚未报送，请尽快报送",
        };
        return Write(what, row.Standing.Deadline, recipientName, urgedBy, link);
    }

    /// <summary>The mail of a 催办 pressed on the report's own page: the report waits at <paramref name="stepName"/> for the recipient.</summary>
    public static ReminderMail.Content ForReport(string unitName, string reportTitle, string stepName, StepDeadline? stepDeadline,
        string recipientName, string urgedBy, string link) =>
        Write($"{unitName}的《{reportTitle}》正在“{stepName}”环节等待您审核", stepDeadline, recipientName, urgedBy, link);

    private static ReminderMail.Content Write(string what, StepDeadline? stepDeadline, string recipientName, string urgedBy, string link)
    {
        var deadline = stepDeadline is { } d ? $"截止日期：{d.DueDate:yyyy年M月d日}（{d.Text}）" : "";
        var subject = $"【催办】{what}{(stepDeadline is { } due ? $"（{due.Text}）" : "")}";
        var text = new StringBuilder()
            .AppendLine($"{recipientName}：")
            .AppendLine()
            .AppendLine($"{urgedBy}提醒您：{what}。")
            .AppendLine(deadline)
            .AppendLine($"办理链接：{link}")
            .AppendLine()
            .AppendLine("本邮件由主体责任报告审核系统发送。")
            .ToString();
        var overdue = stepDeadline?.Urgency == DeadlineUrgency.Overdue;
        var html = $"""
            <html><body style="font-family:'Microsoft YaHei',sans-serif;font-size:15px;color:#222">
            <p>{E(recipientName)}：</p>
            <p>{E(urgedBy)}提醒您：<strong>{E(what)}</strong>。</p>
            <p style="color:{(overdue ? "#b71c1c" : "#222")}">{E(deadline)}</p>
            <p><a href="{E(link)}" style="background:#b71c1c;color:#fff;padding:6px 14px;text-decoration:none;border-radius:4px">立即办理</a></p>
            <p style="color:#888;font-size:13px">本邮件由主体责任报告审核系统发送。</p>
            </body></html>
            """;
        return new ReminderMail.Content(subject, html, text);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
