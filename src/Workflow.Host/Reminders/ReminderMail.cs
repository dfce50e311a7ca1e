using System.Net;
using System.Text;
using Workflow.Activities.Reminders;

namespace Workflow.Host.Reminders;

/// <summary>Composes the Chinese reminder mails: subject tags people sort by, what is due, the deadline, a link.</summary>
public static class ReminderMail
{
    public sealed record Content(string Subject, string Html, string Text);

    public static string Tag(Notification n) => (n.Subject == ReminderSubject.Rectification ? "【整改】" : "") + n.Kind switch
    {
        ReminderKind.Overdue when n.Audience == ReminderAudience.Escalation => "【逾期】【督办】",
        ReminderKind.Overdue => "【逾期】",
        _ => "【待办】",
    };

    /// <summary>"还剩N天" / "今天到期" / "已逾期N个工作日" as seen on <paramref name="today"/>.</summary>
    public static string Timing(Notification n, DateOnly today, int workingDaysOverdue)
    {
        var left = n.DueDate.DayNumber - today.DayNumber;
        return left switch
        {
            > 0 => $"还剩{left}天",
            0 => "今天到期",
            _ => $"已逾期{Math.Max(1, workingDaysOverdue)}个工作日",
        };
    }

    private static string What(Notification n) => n.Subject switch
    {
        ReminderSubject.ReviewStep when n.Kind == ReminderKind.NewTask => "有一份报告等待您审核",
        ReminderSubject.ReviewStep when n.Audience == ReminderAudience.Escalation => "以下报告审核已逾期，请督促办理",
        ReminderSubject.ReviewStep => "请及时审核以下报告",
        ReminderSubject.Submission when n.Audience == ReminderAudience.Escalation => "本单位年度报告逾期未报送，请督促起草人尽快报送",
        ReminderSubject.Rectification when n.SubjectState.StartsWith(ReminderRelevance.ReviewPrefix, StringComparison.Ordinal) =>
            "以下长期坚持的整改事项已到评估日期，请评估整改成效，视情况申请销号或继续坚持",
        ReminderSubject.Rectification when n.Audience == ReminderAudience.Escalation => "以下整改事项已逾期，请督促责任人尽快整改销号",
        ReminderSubject.Rectification when n.Kind == ReminderKind.Overdue => "以下整改事项已逾期，请尽快完成整改并申请销号",
        ReminderSubject.Rectification => "以下整改事项即将到期，请按时完成整改并申请销号",
        _ => "请按时报送本单位年度报告",
    };

    public static Content Single(Notification n, string recipientName, string baseUrl, DateOnly today, int workingDaysOverdue)
    {
        var link = Absolute(baseUrl, n.Link);
        var timing = Timing(n, today, workingDaysOverdue);
        var subject = $"{Tag(n)}{n.Title}（{timing}，截止{n.DueDate:yyyy-MM-dd}）";
        var text = new StringBuilder()
            .AppendLine($"{recipientName}：")
            .AppendLine()
            .AppendLine($"{What(n)}：")
            .AppendLine(n.Title)
            .AppendLine($"截止日期：{n.DueDate:yyyy年M月d日}（{timing}）")
            .AppendLine($"办理链接：{link}")
            .AppendLine()
            .AppendLine("本邮件由主体责任报告审核系统自动发送，任务办结后将不再提醒。")
            .ToString();
        var html = $"""
            <html><body style="font-family:'Microsoft YaHei',sans-serif;font-size:15px;color:#222">
            <p>{E(recipientName)}：</p>
            <p>{E(What(n))}：</p>
            <p style="font-size:17px"><strong>{E(n.Title)}</strong></p>
            <p>截止日期：{n.DueDate:yyyy年M月d日}（<span style="color:{(timing.StartsWith("已逾期") ? "#b71c1c" : "#e65100")}">{E(timing)}</span>）</p>
            <p><a href="{E(link)}" style="background:#b71c1c;color:#fff;padding:6px 14px;text-decoration:none;border-radius:4px">立即办理</a></p>
            <p style="color:#888;font-size:13px">本邮件由主体责任报告审核系统自动发送，任务办结后将不再提醒。</p>
            </body></html>
            """;
        return new Content(subject, html, text);
    }

    public static Content Digest(IReadOnlyList<(Notification Item, int WorkingDaysOverdue)> items, IReadOnlyList<Messages.UserMessage> messages,
        string recipientName, string baseUrl, DateOnly today)
    {
        var overdue = items.Count(i => i.Item.DueDate < today);
        var subject = items.Count == 0
            ? $"【消息】每日消息汇总：{messages.Count}条消息（{today:yyyy-MM-dd}）"
            : $"{(overdue > 0 ? "【逾期】" : "【待办】")}每日待办汇总：{items.Count}项待办{(overdue > 0 ? $"，其中{overdue}项已逾期" : "")}" +
              $"{(messages.Count > 0 ? $"，{messages.Count}条消息" : "")}（{today:yyyy-MM-dd}）";
        var text = new StringBuilder().AppendLine($"{recipientName}：").AppendLine();
        var html = new StringBuilder($"<p>{E(recipientName)}：</p>");
        if (items.Count > 0)
        {
            text.AppendLine($"截至{today:yyyy年M月d日}，您有{items.Count}项待办：");
            var rows = new StringBuilder();
            var number = 0;
            foreach (var (n, wd) in items.OrderBy(i => i.Item.DueDate))
            {
                number++;
                var link = Absolute(baseUrl, n.Link);
                var timing = Timing(n, today, wd);
                text.AppendLine($"{number}. {Tag(n)}{n.Title}，截止{n.DueDate:yyyy-MM-dd}（{timing}）{link}");
                rows.Append($"<tr><td>{number}</td><td>{E(Tag(n))}<a href=\"{E(link)}\">{E(n.Title)}</a></td><td>{n.DueDate:yyyy-MM-dd}</td><td>{E(timing)}</td></tr>");
            }
            html.Append($"<p>截至{today:yyyy年M月d日}，您有{items.Count}项待办：</p>")
                .Append($"<table border=\"1\" cellpadding=\"6\" style=\"border-collapse:collapse\"><tr><th>序号</th><th>事项</th><th>截止日期</th><th>状态</th></tr>{rows}</table>");
        }
        if (messages.Count > 0)
        {
            text.AppendLine().AppendLine($"新消息{messages.Count}条：");
            html.Append($"<p>新消息{messages.Count}条：</p><ul>");
            foreach (var m in messages)
            {
                var link = Absolute(baseUrl, m.Link);
                text.AppendLine($"- {m.Title}{(string.IsNullOrWhiteSpace(m.Body) ? "" : "：" + m.Body)} {link}");
                html.Append($"<li><a href=\"{E(link)}\">{E(m.Title)}</a>{(string.IsNullOrWhiteSpace(m.Body) ? "" : "：" + E(m.Body))}</li>");
            }
            html.Append("</ul>");
        }
        text.AppendLine().AppendLine("您选择了每日汇总，可在“消息设置”中按类型改为逐条邮件或仅站内消息。");
        var page = $"""
            <html><body style="font-family:'Microsoft YaHei',sans-serif;font-size:15px;color:#222">
            {html}
            <p style="color:#888;font-size:13px">您选择了每日汇总，可在“消息设置”中按类型改为逐条邮件或仅站内消息。</p>
            </body></html>
            """;
        return new Content(subject, page, text.ToString());
    }

    public static string Absolute(string baseUrl, string path) => baseUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
