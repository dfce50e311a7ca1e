using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Activities.Archive;
using Workflow.Host.Archive;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;

namespace Workflow.Host.Data;


/// <summary>
/// Seals appended history into its chain in the transaction that appends it: the rows are saved first (their keys are the
/// database's), then, under a lock on the chain (PostgreSQL: an advisory lock; SQLite: the writer's lock the rows already
/// took), the next links are added with the following sequence numbers. A unique (chain, sequence) makes a fork impossible.
/// A chain that has no link yet is sealed whole, in time order (rows written before the archive existed).
/// </summary>
public static class ArchiveSealing
{
    public const string ReportChain = "Report";
    public const string RectificationChain = "Rectification";
    public const string Added = "Added";
    public const string Removed = "Removed";

    /// <summary>The chain a history row belongs to, or null for any other entity.</summary>
    public static (string Chain, Guid Id)? ChainOf(object entity) => entity switch
    {
        ReportJournalEntry j => (ReportChain, j.ReportId),
        ReportRevision r => (ReportChain, r.ReportId),
        RectificationJournalEntry j => (RectificationChain, j.ItemId),
        EvidenceFile e => (RectificationChain, e.ItemId),
        _ => null,
    };

    /// <summary>Every row of one chain, as queries over its tables.</summary>
    public static IEnumerable<IQueryable<object>> RowsOf(AppDbContext db, string chain, Guid id) => chain == ReportChain
        ? [db.ReportJournal.Where(j => j.ReportId == id), db.ReportRevisions.Where(r => r.ReportId == id)]
        : [db.RectificationJournal.Where(j => j.ItemId == id), db.EvidenceFiles.Where(e => e.ItemId == id)];

    /// <summary>
    /// Every mapped scalar property of a tracked row (shadow ones included) as the canonical encoding's text; a column added after
    /// the chain began (<see cref="LateColumns"/>) only when it holds a value, so the links sealed before it existed still verify.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> Fields(EntityEntry entry) =>
        entry.Properties
            .Where(p => p.CurrentValue is not null || !LateColumns.Contains($"{TableOf(entry)}.{p.Metadata.Name}"))
            .Select(p => KeyValuePair.Create(p.Metadata.Name, ArchiveHash.Text(Stored(p))));

    /// <summary>Columns of chained tables added after sealing began (table.property): 转办/加签 targets of journal rows.</summary>
    public static readonly IReadOnlySet<string> LateColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "ReportJournal.TargetUserId", "ReportJournal.TargetName",
    };

    // A value of a type the encoding does not name (e.g. a report status, a step key over a string) as the column stores it.
    private static object? Stored(PropertyEntry p) =>
        p.CurrentValue is { } value && !ArchiveHash.Knows(value) && p.Metadata.GetValueConverter() is { } converter
            ? converter.ConvertToProvider(value)
            : p.CurrentValue;

    public static string TableOf(EntityEntry entry) => entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name;

    public static string RowKeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => ArchiveHash.Text(entry.Property(p.Name).CurrentValue)));

    /// <summary>The algorithm new links use: <see cref="ArchiveOptions.Algorithm"/> of the app, SHA-256 without one (design time).</summary>
    public static string AlgorithmOf(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?
            .GetService<IOptions<ArchiveOptions>>()?.Value.Algorithm ?? ArchiveHash.Sha256;

    /// <summary>
    /// The history rows a save appends (or, for evidence, takes back), or null when it touches none; <paramref name="entries"/> are
    /// the tracked entries as the save's own pass over the change tracker found them.
    /// </summary>
    internal static Pending? Begin(AppDbContext db, IEnumerable<EntityEntry> entries)
    {
        var rows = new List<PendingRow>();
        var newChains = new HashSet<(string, Guid)>();
        foreach (var entry in entries)
        {
            if (entry.Entity is ChainLink && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("ChainLink rows are append-only.");
            // A report or item created by this save owns a chain with no older rows: nothing to read before its first links.
            if (entry.State == EntityState.Added && OwnerChainOf(entry.Entity) is { } owned) newChains.Add(owned);
            if (entry.State is not (EntityState.Added or EntityState.Deleted) || ChainOf(entry.Entity) is not { } chain) continue;
            // A deleted row's content is read now, while the tracker still holds it.
            rows.Add(new PendingRow(entry, chain.Chain, chain.Id, entry.State == EntityState.Added,
                entry.State == EntityState.Deleted ? ArchiveHash.Canonical(Fields(entry)) : null,
                entry.State == EntityState.Deleted ? RowKeyOf(entry) : null));
        }
        return rows.Count == 0 ? null : new Pending(db, rows, newChains);
    }

    private static (string, Guid)? OwnerChainOf(object entity) => entity switch
    {
        Report r => (ReportChain, r.Id),
        RectificationItem i => (RectificationChain, i.Id),
        _ => null,
    };

    internal sealed record PendingRow(EntityEntry Entry, string Chain, Guid ChainId, bool IsAdded, byte[]? RemovedContent, string? RemovedKey);

    internal sealed class Pending(AppDbContext db, List<PendingRow> rows, IReadOnlySet<(string, Guid)> newChains)
    {
        /// <summary>Runs the rows' own save, then seals them, in one transaction (the caller's if it has one).</summary>
        public async Task<int> SaveAsync(Func<Task<int>> saveRows, CancellationToken ct)
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            // In our own transaction a failed save rolls all of it back, so EF's savepoints around the two saves (four more
            // commands while the writer's lock is held) buy nothing; a caller's transaction keeps them.
            var savepoints = db.Database.AutoSavepointsEnabled;
            if (transaction is not null) db.Database.AutoSavepointsEnabled = false;
            try
            {
                return await SealAsync(saveRows, transaction, ct);
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = savepoints;
            }
        }

        private async Task<int> SealAsync(Func<Task<int>> saveRows, IDbContextTransaction? transaction, CancellationToken ct)
        {
            var count = await saveRows();
            var algorithm = AlgorithmOf(db);
            var links = new List<ChainLink>();
            var sealedWhole = false;
            foreach (var chain in rows.GroupBy(r => (r.Chain, r.ChainId)).OrderBy(g => g.Key.Chain, StringComparer.Ordinal).ThenBy(g => g.Key.ChainId))
            {
                // A chain created by this save starts at the genesis (an import of many items reads no head and no older rows).
                var head = newChains.Contains(chain.Key) ? (0, ArchiveHash.Genesis) : await HeadAsync(db, chain.Key.Chain, chain.Key.ChainId, ct);
                if (head is null)
                {
                    // The first link of a chain whose older rows were written before the archive: seal them all, the new ones with them.
                    await SealWholeChainAsync(db, chain.Key.Chain, chain.Key.ChainId, algorithm, ct);
                    sealedWhole = true;
                    continue;
                }
                var (sequence, previous) = head.Value;
                var ordered = chain.Where(r => r.IsAdded).OrderBy(r => TableOf(r.Entry), StringComparer.Ordinal)
                    .ThenBy(r => r.Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => r.Entry.Property(p.Name).CurrentValue).First(), Comparer<object?>.Default);
                foreach (var row in ordered)
                {
                    var link = NewLink(chain.Key.Chain, chain.Key.ChainId, ++sequence, TableOf(row.Entry), RowKeyOf(row.Entry), Added,
                        ArchiveHash.Digest(algorithm, ArchiveHash.Canonical(Fields(row.Entry))), previous, algorithm);
                    links.Add(link);
                    previous = link.LinkHash;
                }
                foreach (var row in chain.Where(r => !r.IsAdded))
                {
                    var link = NewLink(chain.Key.Chain, chain.Key.ChainId, ++sequence, TableOf(row.Entry), row.RemovedKey!, Removed,
                        ArchiveHash.Digest(algorithm, row.RemovedContent!), previous, algorithm);
                    links.Add(link);
                    previous = link.LinkHash;
                }
            }
            count += await InsertAsync(db, links, ct);
            if (sealedWhole) count += await db.SaveChangesAsync(ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
            return count;
        }
    }

    /// <summary>The columns <see cref="InsertAsync"/> writes, in the order of <see cref="LinkValues"/>: every column of
    /// <c>ChainLinks</c> but its generated key (a test in ArchiveChainTests holds them to the model).</summary>
    public static IReadOnlyList<string> LinkColumns { get; } =
        ["Chain", "ChainId", "Sequence", "Table", "RowKey", "Event", "Algorithm", "ContentHash", "PreviousHash", "LinkHash"];

    /// <summary>A link's values in the order of <see cref="LinkColumns"/>.</summary>
    public static object[] LinkValues(ChainLink link) =>
        [link.Chain, link.ChainId, link.Sequence, link.Table, link.RowKey, link.Event, link.Algorithm, link.ContentHash, link.PreviousHash, link.LinkHash];

    /// <summary>Links per INSERT statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters, for a save of thousands of rows.</summary>
    private const int LinksPerStatement = 500;

    /// <summary>
    /// The links of a save's rows in one INSERT (per 500) instead of a second SaveChanges (which would detect changes over every
    /// tracked entry again and build its commands for rows nobody reads back). A taken place in the chain fails as that save would
    /// have: a <see cref="DbUpdateException"/> over the provider's unique violation.
    /// </summary>
    private static async Task<int> InsertAsync(AppDbContext db, List<ChainLink> links, CancellationToken ct)
    {
        var inserted = 0;
        var head = $"INSERT INTO \"ChainLinks\" ({string.Join(", ", LinkColumns.Select(c => $"\"{c}\""))}) VALUES";
        foreach (var batch in links.Chunk(LinksPerStatement))
        {
            var values = new List<object>(batch.Length * LinkColumns.Count);
            var sql = new System.Text.StringBuilder(head);
            foreach (var link in batch)
            {
                var first = values.Count;
                sql.Append(first == 0 ? " (" : ", (")
                    .AppendJoin(", ", Enumerable.Range(first, LinkColumns.Count).Select(i => $"{{{i}}}")).Append(')');
                values.AddRange(LinkValues(link));
            }
            try
            {
                inserted += await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
            }
            catch (System.Data.Common.DbException e)
            {
                throw new DbUpdateException("The archive chain's links could not be saved.", e);
            }
        }
        return inserted;
    }

    /// <summary>
    /// Seals every chain that has rows but no link yet (rows written before the archive existed); run at start-up. Idempotent:
    /// a sealed chain is left alone, so a second run (or a second node) adds nothing.
    /// </summary>
    public static async Task<int> SealUnsealedAsync(AppDbContext db, CancellationToken ct = default)
    {
        var algorithm = AlgorithmOf(db);
        var reports = await db.Reports.AsNoTracking()
            .Where(r => !db.ChainLinks.Any(l => l.Chain == ReportChain && l.ChainId == r.Id))
            .Where(r => db.ReportJournal.Any(j => j.ReportId == r.Id) || db.ReportRevisions.Any(v => v.ReportId == r.Id))
            .Select(r => r.Id).ToListAsync(ct);
        var items = await db.RectificationItems.AsNoTracking()
            .Where(i => !db.ChainLinks.Any(l => l.Chain == RectificationChain && l.ChainId == i.Id))
            .Where(i => db.RectificationJournal.Any(j => j.ItemId == i.Id) || db.EvidenceFiles.Any(e => e.ItemId == i.Id))
            .Select(i => i.Id).ToListAsync(ct);
        var sealedChains = 0;
        foreach (var (chain, id) in reports.Select(r => (ReportChain, r)).Concat(items.Select(i => (RectificationChain, i))))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await HeadAsync(db, chain, id, ct) is null && await SealWholeChainAsync(db, chain, id, algorithm, ct) > 0)
            {
                await db.SaveChangesAsync(ct);
                sealedChains++;
            }
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return sealedChains;
    }

    /// <summary>Locks the chain for this transaction (PostgreSQL) and reads its last link.</summary>
    private static async Task<(int Sequence, string LinkHash)?> HeadAsync(AppDbContext db, string chain, Guid id, CancellationToken ct)
    {
        if (db is PostgresAppDbContext)
        {
            var key = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"chain:{chain}:{id:D}")), 0);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }
        var head = await Heads.For(db)(db, chain, id, ct);
        return head is null ? null : (head.Sequence, head.LinkHash);
    }

    private sealed record Head(int Sequence, string LinkHash);

    // Read in every transaction that appends history: compiled once per model.
    private static readonly PerModel<Func<AppDbContext, string, Guid, CancellationToken, Task<Head?>>> Heads = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, string chain, Guid id, CancellationToken ct) =>
            db.ChainLinks.AsNoTracking().Where(l => l.Chain == chain && l.ChainId == id)
                .OrderByDescending(l => l.Sequence).Select(l => new Head(l.Sequence, l.LinkHash)).FirstOrDefault()));

    /// <summary>Adds links for every row of a chain that has none yet, oldest first; answers how many.</summary>
    private static async Task<int> SealWholeChainAsync(AppDbContext db, string chain, Guid id, string algorithm, CancellationToken ct)
    {
        var rows = new List<object>();
        foreach (var query in RowsOf(db, chain, id))
            rows.AddRange(await query.ToListAsync(ct));
        return SealWhole(db, chain, id, rows.Select(r => db.Entry(r)), algorithm);
    }

    /// <summary>
    /// Adds links for the given rows (every row of a chain that has no link yet, keys already the stored ones), oldest first; answers how many.
    /// Also used by the bench's bulk writer, so generated history is sealed exactly as the app seals it.
    /// </summary>
    public static int SealWhole(AppDbContext db, string chain, Guid id, IEnumerable<EntityEntry> rows, string algorithm)
    {
        var previous = ArchiveHash.Genesis;
        var sequence = 0;
        foreach (var entry in rows.OrderBy(TimeOf).ThenBy(TableOf, StringComparer.Ordinal).ThenBy(RowKeyOf, StringComparer.Ordinal))
        {
            var link = NewLink(chain, id, ++sequence, TableOf(entry), RowKeyOf(entry), Added,
                ArchiveHash.Digest(algorithm, ArchiveHash.Canonical(Fields(entry))), previous, algorithm);
            db.ChainLinks.Add(link);
            previous = link.LinkHash;
        }
        return sequence;
    }

    private static DateTimeOffset TimeOf(EntityEntry entry) => entry.Entity switch
    {
        ReportJournalEntry j => j.At,
        ReportRevision r => r.At,
        RectificationJournalEntry j => j.At,
        EvidenceFile e => e.UploadedAt,
        _ => DateTimeOffset.MinValue,
    };

    private static ChainLink NewLink(string chain, Guid id, int sequence, string table, string rowKey, string @event, string contentHash,
        string previous, string algorithm) => new()
    {
        Chain = chain,
        ChainId = id,
        Sequence = sequence,
        Table = table,
        RowKey = rowKey,
        Event = @event,
        Algorithm = algorithm,
        ContentHash = contentHash,
        PreviousHash = previous,
        LinkHash = ArchiveHash.LinkHash(algorithm, chain, id, sequence, table, rowKey, @event, contentHash, previous),
    };
}
