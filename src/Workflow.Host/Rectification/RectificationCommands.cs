using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Rectification;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Activities.Calendar;

namespace Workflow.Host.Rectification;

/// <summary>
/// The item commands of the ledger, one intent method each, scoped like reports: an item of a unit the user does not cover is
/// "not found". Each change is one SaveChanges holding the item and its new journal row; a lost race is a 409.
/// </summary>
public sealed class RectificationCommands(AppDbContext db, TimeProvider clock, RectificationMessages messages)
{
    internal const string ConflictMessage = "整改事项刚刚已被他人处理，请刷新页面后重试。";

    /// <summary>Changes the facts and the progress note; the owner is named by user name and must be a user of the unit.</summary>
    public Task<RectificationItem> UpdateAsync(UserContext user, Guid id, ItemInput input, string? progress, CancellationToken ct = default) =>
        ChangeAsync(user, id, async item =>
        {
            var owner = await input.ResolveOwnerAsync(db, item.UnitId, ct);
            item.Update(user.ActorAt(item.UnitId), input.Fields(owner), progress, clock.GetUtcNow());
        }, ct);

    public Task<RectificationItem> StartAsync(UserContext user, Guid id, CancellationToken ct = default) =>
        ChangeAsync(user, id, item => item.Start(user.ActorAt(item.UnitId), clock.GetUtcNow()), ct);

    public Task<RectificationItem> RequestClosureAsync(UserContext user, Guid id, string? comment, CancellationToken ct = default) =>
        ChangeAsync(user, id, item => item.RequestClosure(user.ActorAt(item.UnitId), comment, clock.GetUtcNow()), ct);

    public Task<RectificationItem> ApproveClosureAsync(UserContext user, Guid id, string? comment, CancellationToken ct = default) =>
        DecideAsync(user, id, item => item.ApproveClosure(user.ActorAt(item.UnitId), comment, clock.GetUtcNow()), ct);

    public Task<RectificationItem> RejectClosureAsync(UserContext user, Guid id, string? comment, CancellationToken ct = default) =>
        DecideAsync(user, id, item => item.RejectClosure(user.ActorAt(item.UnitId), comment, clock.GetUtcNow()), ct);

    public Task<RectificationItem> MarkLongTermAsync(UserContext user, Guid id, string? reason, DateOnly? nextReviewOn,
        CancellationToken ct = default) =>
        ChangeAsync(user, id, item => item.MarkLongTerm(user.ActorAt(item.UnitId), reason, nextReviewOn, ChinaTime.Today(clock), clock.GetUtcNow()), ct);

    public Task<RectificationItem> ReopenAsync(UserContext user, Guid id, string? comment, CancellationToken ct = default) =>
        ChangeAsync(user, id, item => item.Reopen(user.ActorAt(item.UnitId), comment, clock.GetUtcNow()), ct);

    public Task<RectificationItem> RequestExtensionAsync(UserContext user, Guid id, DateOnly? deadline, string? reason,
        CancellationToken ct = default) =>
        ChangeAsync(user, id, item => item.RequestExtension(user.ActorAt(item.UnitId), deadline, reason, clock.GetUtcNow()), ct);

    public Task<RectificationItem> ApproveExtensionAsync(UserContext user, Guid id, string? comment, CancellationToken ct = default) =>
        DecideAsync(user, id, item => item.ApproveExtension(user.ActorAt(item.UnitId), comment, clock.GetUtcNow()), ct);

    public Task<RectificationItem> RejectExtensionAsync(UserContext user, Guid id, string? comment, CancellationToken ct = default) =>
        DecideAsync(user, id, item => item.RejectExtension(user.ActorAt(item.UnitId), comment, clock.GetUtcNow()), ct);

    /// <summary>A decision on a request: the requester and the owner hear of it in the same transaction.</summary>
    private Task<RectificationItem> DecideAsync(UserContext user, Guid id, Action<RectificationItem> decide, CancellationToken ct) =>
        ChangeAsync(user, id, async item =>
        {
            decide(item);
            await messages.DecidedAsync(item, ct);
        }, ct);

    private Task<RectificationItem> ChangeAsync(UserContext user, Guid id, Action<RectificationItem> change, CancellationToken ct) =>
        ChangeAsync(user, id, item =>
        {
            change(item);
            return Task.CompletedTask;
        }, ct);

    /// <summary>Loads the item the user sees (with its evidence, which closure requests look at), changes it, and saves.</summary>
    private async Task<RectificationItem> ChangeAsync(UserContext user, Guid id, Func<RectificationItem, Task> change, CancellationToken ct)
    {
        var item = await db.VisibleItems(user).Include(i => i.Evidence).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw UnitScope.ItemNotFound();
        await change(item);
        await db.SaveOrConflictAsync(ConflictMessage, ct);
        return item;
    }
}
