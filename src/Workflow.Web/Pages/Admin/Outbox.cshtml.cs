using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Host.Data;
using Workflow.Host.Mail;

namespace Workflow.Web.Pages.Admin;

/// <summary>发件箱: every mail of the outbox with its state, newest first; failures show their reason.</summary>
public sealed class OutboxModel(AppDbContext db, IOptions<MailOptions> mail, IMailTransport transport) : AppPageModel
{
    private const int PageSize = 200;

    [BindProperty(SupportsGet = true)]
    public OutboxStatus? Status { get; set; }

    public List<OutboxMessage> Rows { get; private set; } = [];
    public Dictionary<OutboxStatus, int> Counts { get; private set; } = [];

    public string Transport => transport is PickupDirectoryMailTransport pickup
        ? $"未配置 SMTP 服务器：邮件以 .eml 文件保存在 {pickup.Directory}"
        : $"通过 SMTP 服务器 {mail.Value.Smtp.Host}:{mail.Value.Smtp.Port} 发送";

    public static string Label(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "待发送",
        OutboxStatus.Sent => "已发送",
        OutboxStatus.Failed => "发送失败",
        OutboxStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };

    public static string Css(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "st-review",
        OutboxStatus.Sent => "st-approved",
        OutboxStatus.Failed => "st-returned",
        _ => "st-draft",
    };

    /// <summary>立即检查提醒: runs the reminder sweep now (e.g. after changing a cycle's policy); it records each reminder only once.</summary>
    public async Task<IActionResult> OnPostSweepAsync([FromServices] Workflow.Host.Reminders.ReminderSweep sweep, CancellationToken ct)
    {
        var recorded = await sweep.SweepAsync(ct);
        // Say which pass it was: the day's first (or one after a calendar, policy or people change) checks everything; later
        // ones that day check only the reports and items changed since, so an admin knows why the second press was instant.
        var pass = sweep.Timings is { Full: false } ? "本次只检查了上次检查以来有变动的报告和整改事项，每天首次检查为全面检查。" : "本次为全面检查。";
        Flash((recorded == 0 ? "已检查提醒：没有新的提醒。" : $"已检查提醒：新记录 {recorded} 条提醒，邮件按发送计划发出。") + pass);
        return RedirectToPage(new { status = Status });
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = await db.Outbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var query = db.Outbox.AsNoTracking();
        if (Status is { } s) query = query.Where(m => m.Status == s);
        Rows = await query.OrderByDescending(m => m.Id).Take(PageSize).ToListAsync(ct);
    }
}
