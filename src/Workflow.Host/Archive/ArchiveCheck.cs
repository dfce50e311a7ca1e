using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Archive;
using Workflow.Host.Data;
using Workflow.Host.Security;

namespace Workflow.Host.Archive;

/// <summary>A chain that does not hold, named for people: which report or item, and its first broken link.</summary>
public sealed record BrokenChain(string Chain, Guid ChainId, string Label, ChainBreak Break);

/// <summary>The outcome of one check over the live database.</summary>
public sealed record ArchiveCheckResult(DateTimeOffset At, int Chains, int Links, IReadOnlyList<BrokenChain> Broken)
{
    public bool Ok => Broken.Count == 0;
}

/// <summary>
/// The auditor's chain check over the live database: every report's and every item's chain, walked by <see cref="ChainVerifier"/>,
/// a page of chains at a time and one chain's rows in memory at a time. The result goes to the security audit log.
/// </summary>
public sealed class ArchiveCheck(AppDbContext db, ISecurityAudit audit, TimeProvider clock)
{
    private const int Page = 200;

    public async Task<ArchiveCheckResult> RunAsync(CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var broken = new List<BrokenChain>();
        int chains = 0, links = 0;
        Guid? after = null;
        while (true)
        {
            var page = await db.Reports.AsNoTracking().Where(r => after == null || r.Id.CompareTo(after.Value) > 0).OrderBy(r => r.Id).Take(Page)
                .Join(db.Units, r => r.UnitId, u => u.Id, (r, u) => new { r.Id, Label = u.Name + " " + r.Year + "年度报告《" + r.Title + "》" })
                .ToListAsync(ct);
            foreach (var report in page)
                (chains, links) = await CheckAsync(ArchiveSealing.ReportChain, report.Id, report.Label, broken, chains, links, ct);
            if (page.Count < Page) break;
            after = page[^1].Id;
        }
        after = null;
        while (true)
        {
            var page = await db.RectificationItems.AsNoTracking().Where(i => after == null || i.Id.CompareTo(after.Value) > 0).OrderBy(i => i.Id).Take(Page)
                .Select(i => new { i.Id, i.Code }).ToListAsync(ct);
            foreach (var item in page)
                (chains, links) = await CheckAsync(ArchiveSealing.RectificationChain, item.Id, "整改事项 " + item.Code, broken, chains, links, ct);
            if (page.Count < Page) break;
            after = page[^1].Id;
        }
        var result = new ArchiveCheckResult(at, chains, links, broken);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.ArchiveChecked, null, result.Ok, result.Ok
            ? $"存档链校验通过：{chains} 条链，{links} 个链节"
            : $"存档链校验发现 {broken.Count} 条链不符，第一条：{broken[0].Label} 第{broken[0].Break.Sequence?.ToString() ?? "—"}个链节（{broken[0].Break.Table} {broken[0].Break.RowKey}）：{broken[0].Break.Problem}"), ct);
        return result;
    }

    /// <summary>The first break of one chain (null when it holds) and how many links it has.</summary>
    public async Task<(ChainBreak? Break, int Links)> CheckChainAsync(string chain, Guid id, CancellationToken ct)
    {
        var links = await db.ChainLinks.AsNoTracking().Where(l => l.Chain == chain && l.ChainId == id).OrderBy(l => l.Sequence)
            .Select(l => new ArchiveLink(l.Sequence, l.Table, l.RowKey, l.Event, l.Algorithm, l.ContentHash, l.PreviousHash, l.LinkHash))
            .ToListAsync(ct);
        var rows = new Dictionary<(string Table, string Key), List<KeyValuePair<string, string?>>>();
        foreach (var query in ArchiveSealing.RowsOf(db, chain, id))
            foreach (var row in await query.ToListAsync(ct))
            {
                var entry = db.Entry(row);
                rows[(ArchiveSealing.TableOf(entry), ArchiveSealing.RowKeyOf(entry))] = ArchiveSealing.Fields(entry).ToList();
            }
        db.ChangeTracker.Clear();
        return (ChainVerifier.FirstBreak(chain, id, links, (table, key) => rows.GetValueOrDefault((table, key)), rows.Keys), links.Count);
    }

    private async Task<(int Chains, int Links)> CheckAsync(string chain, Guid id, string label, List<BrokenChain> broken, int chains, int links,
        CancellationToken ct)
    {
        var (chainBreak, count) = await CheckChainAsync(chain, id, ct);
        if (chainBreak is not null)
            broken.Add(new BrokenChain(chain, id, label, chainBreak));
        return (count > 0 || chainBreak is not null ? chains + 1 : chains, links + count);
    }
}
