using Microsoft.EntityFrameworkCore;
using Workflow.Host.Data;

namespace Workflow.Host.Rectification;

/// <summary>What <see cref="EvidenceMigration"/> did: counts of distinct contents, and the ones it could not copy.</summary>
public sealed record EvidenceMigrationReport(int Copied, int AlreadyPresent, IReadOnlyList<string> Missing, IReadOnlyList<string> Corrupt)
{
    public bool Complete => Missing.Count == 0 && Corrupt.Count == 0;
}

/// <summary>
/// Copies every evidence content the database refers to from a folder laid out as &lt;xx&gt;/&lt;sha256&gt; (the data folder's
/// evidence of a node from before the shared store) into the configured store. Idempotent: what the store has is left
/// alone; each copy is hashed on the way and a file whose bytes do not match its name is reported, not stored.
/// </summary>
public sealed class EvidenceMigration(AppDbContext db, IEvidenceStore store)
{
    public string StoreDescription => store.Description;

    /// <summary>
    /// How many distinct contents the database refers to that the database store does not hold: on an installation upgraded
    /// from the folder store, the files still in the nodes' folders until <c>evidence migrate</c> has copied them.
    /// </summary>
    public static Task<int> CountMissingFromDatabaseStoreAsync(PostgresAppDbContext db, CancellationToken ct = default) =>
        db.EvidenceFiles.Where(e => !db.Set<EvidenceBlob>().Any(b => b.Sha256 == e.Sha256)).Select(e => e.Sha256).Distinct().CountAsync(ct);

    public async Task<EvidenceMigrationReport> RunAsync(string sourceFolder, CancellationToken ct = default)
    {
        var hashes = await db.EvidenceFiles.AsNoTracking().Select(e => e.Sha256).Distinct().OrderBy(h => h).ToListAsync(ct);
        int copied = 0, present = 0;
        List<string> missing = [], corrupt = [];
        foreach (var sha256 in hashes)
        {
            if (await store.ExistsAsync(sha256, ct))
            {
                present++;
                continue;
            }
            var source = FileEvidenceStore.PathOf(sourceFolder, sha256);
            if (!File.Exists(source))
            {
                missing.Add(sha256);
                continue;
            }
            try
            {
                await using var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                if (await store.PutAsync(sha256, file, ct)) copied++;
                else present++;
            }
            catch (InvalidDataException)
            {
                corrupt.Add(sha256);
            }
        }
        return new EvidenceMigrationReport(copied, present, missing, corrupt);
    }
}
