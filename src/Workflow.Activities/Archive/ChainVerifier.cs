namespace Workflow.Activities.Archive;

/// <summary>One stored link of a chain, as the database or an archive's manifest holds it.</summary>
public sealed record ArchiveLink(int Sequence, string Table, string RowKey, string Event, string Algorithm, string ContentHash,
    string PreviousHash, string LinkHash);

/// <summary>The first place a chain does not hold: the link (null for a row no link seals), its row, and what is wrong, in Chinese.</summary>
public sealed record ChainBreak(int? Sequence, string Table, string RowKey, string Problem);

/// <summary>
/// Walks one chain the way anyone can: every link follows the previous one (sequence, previous hash), its own hash is
/// recomputed, every row it seals is re-hashed, a removed row was added before with the same content, and no row of the chain
/// is outside it. The same walk serves the live check over the database and the offline verifier of an exported archive.
/// </summary>
public static class ChainVerifier
{
    public const string AddedEvent = "Added";
    public const string RemovedEvent = "Removed";

    /// <param name="links">The links in stored order.</param>
    /// <param name="fieldsOf">A row's fields by table and key, or null when the row is not there.</param>
    /// <param name="rows">Every row that belongs to the chain (table, key), to find rows no link seals.</param>
    public static ChainBreak? FirstBreak(string chain, Guid chainId, IReadOnlyList<ArchiveLink> links,
        Func<string, string, IEnumerable<KeyValuePair<string, string?>>?> fieldsOf, IEnumerable<(string Table, string Key)> rows)
    {
        var previous = ArchiveHash.Genesis;
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            ChainBreak Break(string problem) => new(link.Sequence, link.Table, link.RowKey, problem);
            if (link.Sequence != i + 1)
                return Break($"链节序号不连续：第{i + 1}个链节的序号是{link.Sequence}（链节被删除、插入或调换了顺序）。");
            if (!ArchiveHash.IsKnown(link.Algorithm))
                return Break($"未知的哈希算法“{link.Algorithm}”。");
            if (link.PreviousHash != previous)
                return Break($"“前一链节哈希”与第{i}个链节的哈希不符（存 {Short(link.PreviousHash)}，应为 {Short(previous)}）：链节被删除、插入或调换了顺序。");
            var linkHash = ArchiveHash.LinkHash(link.Algorithm, chain, chainId, link.Sequence, link.Table, link.RowKey, link.Event,
                link.ContentHash, link.PreviousHash);
            if (linkHash != link.LinkHash)
                return Break($"链节本身被改动：重算的链节哈希 {Short(linkHash)} 与存储的 {Short(link.LinkHash)} 不符。");
            var fields = fieldsOf(link.Table, link.RowKey);
            if (link.Event == AddedEvent)
            {
                if (fields is null)
                {
                    var removedLater = links.Skip(i + 1).Any(l => l.Event == RemovedEvent && l.Table == link.Table && l.RowKey == link.RowKey
                                                                  && l.ContentHash == link.ContentHash);
                    if (!removedLater) return Break("记录已不存在，也没有记录其撤回的链节。");
                }
                else if (ArchiveHash.ContentHash(link.Algorithm, fields) is var content && content != link.ContentHash)
                    return Break($"记录内容被改动：重算的内容哈希 {Short(content)} 与链节中的 {Short(link.ContentHash)} 不符。");
            }
            else if (link.Event == RemovedEvent)
            {
                if (!links.Take(i).Any(l => l.Event == AddedEvent && l.Table == link.Table && l.RowKey == link.RowKey && l.ContentHash == link.ContentHash))
                    return Break("撤回的记录此前没有内容相同的添加链节。");
                if (fields is not null) return Break("已撤回的记录仍然存在。");
            }
            else
                return Break($"未知的链节事件“{link.Event}”。");
            previous = link.LinkHash;
        }
        var sealedRows = links.Where(l => l.Event == AddedEvent).Select(l => (l.Table, l.RowKey)).ToHashSet();
        foreach (var row in rows)
            if (!sealedRows.Contains(row))
                return new ChainBreak(null, row.Table, row.Key, "记录不在链中：它没有经过系统写入（或其链节被删除）。");
        return null;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
