namespace Workflow.Host.Archive;

/// <summary>
/// One link of an archive hash chain: a report's journal and revisions form the chain "Report", an item's journal and evidence
/// files the chain "Rectification". The link names its row (table and primary key), holds the row's content hash, the previous
/// link's hash and its own. Append-only (triggers on both providers and <see cref="ArchiveSealing"/>'s guard).
/// </summary>
public sealed class ChainLink
{
    public long Id { get; set; }
    public string Chain { get; set; } = "";
    public Guid ChainId { get; set; }
    public int Sequence { get; set; }
    public string Table { get; set; } = "";
    public string RowKey { get; set; } = "";

    /// <summary><see cref="ArchiveSealing.Added"/>, or <see cref="ArchiveSealing.Removed"/> when a row that may be taken back (an evidence file) was.</summary>
    public string Event { get; set; } = "";
    public string Algorithm { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string PreviousHash { get; set; } = "";
    public string LinkHash { get; set; } = "";
}
