using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Messages;
using Workflow.Activities.Rectification;
using Workflow.Host.Data;
using Workflow.Host.Messages;

namespace Workflow.Host.Rectification;

/// <summary>Tells an item's owner, and whoever asked, that a closure request (申请销号) or an extension request was decided.</summary>
public sealed class RectificationMessages(AppDbContext db, UserMessages messages, IAppLinks links)
{
    /// <summary>Called after the decision, before it is saved, so the message commits with it.</summary>
    public async Task DecidedAsync(RectificationItem item, CancellationToken ct)
    {
        if (item.Journal.Count == 0) return;
        var entry = item.Journal[^1];
        var (kind, requested, title) = entry.Action switch
        {
            RectificationAction.ClosureApproved => (MessageKind.ClosureDecided, RectificationAction.ClosureRequested, $"整改事项 {item.Code} 已销号"),
            RectificationAction.ClosureRejected => (MessageKind.ClosureDecided, RectificationAction.ClosureRequested,
                $"整改事项 {item.Code} 销号申请未通过，需二次整改"),
            RectificationAction.ExtensionApproved => (MessageKind.ExtensionDecided, RectificationAction.ExtensionRequested,
                $"整改事项 {item.Code} 延期申请已批准，完成时限调整为{item.Deadline:yyyy-MM-dd}"),
            RectificationAction.ExtensionRejected => (MessageKind.ExtensionDecided, RectificationAction.ExtensionRequested,
                $"整改事项 {item.Code} 延期申请未批准"),
            _ => (MessageKind.Other, (RectificationAction?)null, ""),
        };
        if (requested is null) return;
        var requester = await db.RectificationJournal.AsNoTracking()
            .Where(j => j.ItemId == item.Id && j.Action == requested)
            .OrderByDescending(j => j.Sequence).Select(j => j.ActorId).FirstOrDefaultAsync(ct);
        var body = string.IsNullOrWhiteSpace(entry.Comment) ? null : $"{entry.ActorName}：{entry.Comment}";
        string?[] to = [item.OwnerId, requester];
        await messages.PostAsync(to.OfType<string>(),
            userId => new MessageDraft($"item:{item.Id}:{entry.Sequence}:{userId}", kind, title, body, links.Rectification(item.Id)), ct);
    }
}
