using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Rectification;

/// <summary>
/// An item's evidence files (佐证材料): added through <see cref="EvidenceIntake"/>'s checks, taken back, and read back, scoped like
/// the ledger. Each change is one SaveChanges holding the item, its evidence row and its new journal row.
/// </summary>
public sealed class RectificationEvidence(AppDbContext db, TimeProvider clock, EvidenceIntake store, ILogger<RectificationEvidence> logger)
{
    public long MaxEvidenceBytes => store.MaxBytes;

    /// <summary>Stores the file by its hash (checked for size and type first), then records it on the item.</summary>
    public async Task<EvidenceFile> AddEvidenceAsync(UserContext user, Guid id, string fileName, Stream content, CancellationToken ct = default)
    {
        var item = await db.VisibleItems(user).Include(i => i.Evidence).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw UnitScope.ItemNotFound();
        // Refuse before the bytes are written: a user who may not upload, or a bad name, leaves nothing on disk.
        item.EnsureAllowed(RectificationCommand.UploadEvidence, user.ActorAt(item.UnitId));
        EvidenceFile.CheckName(fileName);
        var stored = await store.SaveAsync(content, ct);
        var file = item.AddEvidence(user.ActorAt(item.UnitId), fileName, stored.ContentType, stored.Size, stored.Sha256, clock.GetUtcNow());
        await SaveAsync(ct);
        return file;
    }

    /// <summary>
    /// Takes back an evidence file (its uploader, while evidence may still be added). The stored bytes stay: they are
    /// addressed by hash and may belong to another item's evidence too.
    /// </summary>
    public async Task<EvidenceFile> RemoveEvidenceAsync(UserContext user, Guid id, Guid fileId, CancellationToken ct = default)
    {
        var item = await db.VisibleItems(user).Include(i => i.Evidence).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw UnitScope.ItemNotFound();
        var file = item.RemoveEvidence(user.ActorAt(item.UnitId), fileId, clock.GetUtcNow());
        // The relationship is Restrict (evidence is never cascaded away with an item), so the row is deleted by name.
        db.EvidenceFiles.Remove(file);
        await SaveAsync(ct);
        return file;
    }

    public async Task<(EvidenceFile File, Stream Content)> OpenEvidenceAsync(UserContext user, Guid id, Guid fileId, CancellationToken ct = default)
    {
        var item = await db.VisibleItems(user).AsNoTracking().Include(i => i.Evidence).FirstOrDefaultAsync(i => i.Id == id, ct)
                   ?? throw UnitScope.ItemNotFound();
        var file = item.Evidence.FirstOrDefault(e => e.Id == fileId)
                   ?? throw new WorkflowRuleException(RuleViolation.NotFound, "evidence-not-found", "佐证材料不存在。");
        var content = await store.TryOpenAsync(file.Sha256, ct);
        if (content is not null) return (file, content);
        // The row outlived its bytes (a restored database without its evidence folder, another node's local folder): say so, no 500.
        logger.LogWarning("Evidence {FileId} of item {ItemId} has no stored bytes ({Sha256}).", file.Id, item.Id, file.Sha256);
        throw new WorkflowRuleException(RuleViolation.NotFound, "evidence-missing", "这份佐证材料的文件已丢失，请联系系统管理员。");
    }

    private Task SaveAsync(CancellationToken ct) => db.SaveOrConflictAsync(RectificationCommands.ConflictMessage, ct);
}
