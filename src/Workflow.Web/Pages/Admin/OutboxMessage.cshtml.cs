using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Host.Data;
using Workflow.Host.Mail;

namespace Workflow.Web.Pages.Admin;

/// <summary>One mail of the outbox as the recipient sees it (HTML in a sandbox, and plain text); a failed one can be requeued.</summary>
public sealed class OutboxMessageModel(AppDbContext db, TimeProvider clock, Workflow.Host.Security.ISecurityAudit audit) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public OutboxMessage Message { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var message = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == Id, ct);
        if (message is null) return NotFound();
        Message = message;
        return Page();
    }

    public async Task<IActionResult> OnPostRequeueAsync(CancellationToken ct)
    {
        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == Id, ct);
        if (message is null) return NotFound();
        var failed = message.Status == OutboxStatus.Failed;
        message.Requeue(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        if (failed)
            await audit.RecordAsync(new Workflow.Host.Security.SecurityEvent(Workflow.Host.Security.SecurityEventKind.OutboxRequeued, null, true,
                $"邮件 {message.Id}（{message.ToAddress}，{message.Subject}）重新加入发送队列"), ct);
        Flash("已重新加入发送队列。");
        return RedirectToPage(new { Id });
    }
}
