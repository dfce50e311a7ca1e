using System.Net;
using System.Text;

namespace Workflow.Host.Messages;

/// <summary>The mail of a message that has no mail of its own (decisions on my report, closure or extension): title, what was written, a link.</summary>
public static class MessageMail
{
    public static MailContent Compose(MessageDraft draft, string recipientName, string baseUrl)
    {
        var link = draft.Link.Length == 0 ? baseUrl : baseUrl.TrimEnd('/') + "/" + draft.Link.TrimStart('/');
        var subject = "【通知】" + draft.Title;
        var text = new StringBuilder().AppendLine($"{recipientName}：").AppendLine().AppendLine(draft.Title);
        if (!string.IsNullOrWhiteSpace(draft.Body)) text.AppendLine(draft.Body);
        text.AppendLine($"查看链接：{link}").AppendLine()
            .AppendLine("本邮件由主体责任报告审核系统自动发送，也可在系统的“消息”中查看；接收方式可在“消息设置”中修改。");
        var body = string.IsNullOrWhiteSpace(draft.Body) ? "" : $"<p>{E(draft.Body)}</p>";
        var html = $"""
            <html><body style="font-family:'Microsoft YaHei',sans-serif;font-size:15px;color:#222">
            <p>{E(recipientName)}：</p>
            <p style="font-size:17px"><strong>{E(draft.Title)}</strong></p>
            {body}
            <p><a href="{E(link)}" style="background:#b71c1c;color:#fff;padding:6px 14px;text-decoration:none;border-radius:4px">查看</a></p>
            <p style="color:#888;font-size:13px">本邮件由主体责任报告审核系统自动发送，也可在系统的“消息”中查看；接收方式可在“消息设置”中修改。</p>
            </body></html>
            """;
        return new MailContent(subject, html, text.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
