using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Archive;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Rectification;
using Workflow.Host.Security;

namespace Workflow.Host.Archive;

/// <summary>What one archive holds: the reports and ledger items a user may see, in one report's or one year's scope.</summary>
public sealed record ArchivePlan(string FileName, string Scope, IReadOnlyList<Guid> ReportIds, IReadOnlyList<Guid> ItemIds);

/// <summary>
/// Writes the verifiable archive (.zip): per report every row of its chain (journal with the opinions, revisions with their
/// text), per ledger item its journal and evidence files with their bytes, and <c>manifest.json</c> with every link. Streamed:
/// one chain's rows and one evidence file's bytes at a time.
/// </summary>
public sealed class ArchiveExport(AppDbContext db, EvidenceIntake evidence, ISecurityAudit audit, TimeProvider clock)
{
    public const string ContentType = "application/zip";
    public const string Format = "approvalflow-archive/1";

    private static readonly JsonWriterOptions Json = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<ArchivePlan> PlanReportAsync(UserContext user, Guid reportId, CancellationToken ct)
    {
        var report = await db.VisibleReports(user).AsNoTracking().Where(r => r.Id == reportId)
            .Select(r => new { r.Id, r.UnitId, r.Year }).FirstOrDefaultAsync(ct) ?? throw UnitScope.ReportNotFound();
        var items = await db.VisibleItems(user).Where(i => i.ReportId == report.Id || (i.UnitId == report.UnitId && i.Year == report.Year))
            .OrderBy(i => i.Code).Select(i => i.Id).ToListAsync(ct);
        var unit = await db.UnitNameAsync(report.UnitId, ct);
        return new ArchivePlan($"存档-{unit}-{report.Year}.zip", $"{unit} {report.Year}年度报告", [report.Id], items);
    }

    /// <summary>The years that have a report or an item the user may see, newest first.</summary>
    public async Task<List<int>> YearsAsync(UserContext user, CancellationToken ct)
    {
        var years = await db.VisibleReports(user).Select(r => r.Year).Distinct().ToListAsync(ct);
        years.AddRange(await db.VisibleItems(user).Select(i => i.Year).Distinct().ToListAsync(ct));
        return years.Distinct().OrderDescending().ToList();
    }

    public async Task<ArchivePlan> PlanYearAsync(UserContext user, int year, CancellationToken ct)
    {
        Workflow.Activities.SupportedYears.CheckYear(year);
        var reports = await db.VisibleReports(user).Where(r => r.Year == year).OrderBy(r => r.UnitId).Select(r => r.Id).ToListAsync(ct);
        var items = await db.VisibleItems(user).Where(i => i.Year == year).OrderBy(i => i.Code).Select(i => i.Id).ToListAsync(ct);
        if (reports.Count == 0 && items.Count == 0)
            throw new WorkflowRuleException(RuleViolation.NotFound, "archive-empty", $"{year}年度没有您可查看的报告或整改事项。");
        return new ArchivePlan($"存档-{year}年度.zip", $"{year}年度全部可见单位", reports, items);
    }

    /// <summary>
    /// Writes the archive to <paramref name="output"/> (which need not seek) and records the export in the security audit log. The
    /// zip is spooled to a temporary file first (ZipArchive still writes some records synchronously, which a response body refuses), then
    /// copied out asynchronously: memory holds one chain's rows and one buffer, never the archive.
    /// </summary>
    public async Task WriteAsync(ArchivePlan plan, Stream output, CancellationToken ct)
    {
        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"approvalflow-archive-{Guid.NewGuid():N}.zip"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await WriteZipAsync(plan, spool, ct);
        spool.Position = 0;
        await spool.CopyToAsync(output, ct);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.ArchiveExported, null, true,
            $"{plan.Scope}：报告 {plan.ReportIds.Count} 份，整改事项 {plan.ItemIds.Count} 项"), ct);
    }

    private async Task WriteZipAsync(ArchivePlan plan, Stream output, CancellationToken ct)
    {
        var chains = new List<(string Chain, Guid Id, string Label, string Folder, List<(ArchiveLink Link, string? Row, string? File)> Links)>();
        await using (var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            foreach (var id in plan.ReportIds)
            {
                var report = await db.Reports.AsNoTracking().Where(r => r.Id == id)
                    .Select(r => new { r.Title, r.UnitId, r.Year, r.Status }).FirstAsync(ct);
                var unit = await db.UnitNameAsync(report.UnitId, ct);
                var folder = $"reports/{id:D}";
                await WriteJsonAsync(zip, $"{folder}/report.json", w =>
                {
                    w.WriteString("title", report.Title);
                    w.WriteString("unit", unit);
                    w.WriteNumber("year", report.Year);
                    w.WriteString("status", report.Status.ToString());
                }, ct);
                chains.Add((ArchiveSealing.ReportChain, id, $"{unit} {report.Year}年度报告《{report.Title}》", folder,
                    await WriteChainAsync(zip, ArchiveSealing.ReportChain, id, folder, ct)));
            }
            foreach (var id in plan.ItemIds)
            {
                var item = await db.RectificationItems.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Code, i.Problem, i.Status }).FirstAsync(ct);
                var folder = $"items/{item.Code}";
                await WriteJsonAsync(zip, $"{folder}/item.json", w =>
                {
                    w.WriteString("code", item.Code);
                    w.WriteString("problem", item.Problem);
                    w.WriteString("status", item.Status.ToString());
                }, ct);
                chains.Add((ArchiveSealing.RectificationChain, id, $"整改事项 {item.Code}", folder,
                    await WriteChainAsync(zip, ArchiveSealing.RectificationChain, id, folder, ct)));
            }
            await WriteJsonAsync(zip, "manifest.json", w =>
            {
                w.WriteString("format", Format);
                w.WriteString("scope", plan.Scope);
                w.WriteString("exportedAt", ArchiveHash.Text(clock.GetUtcNow()));
                w.WriteString("encoding", ArchiveHash.EncodingDescription);
                w.WriteString("linkHash", "hash of the same encoding over the link's Algorithm, Chain, ChainId, ContentHash, Event, PreviousHash, RowKey, Sequence, Table; the first link's PreviousHash is 64 zeros");
                w.WriteString("rowFiles", "each row is a JSON object of its columns; a value {\"$file\": path} is the UTF-8 text of that entry; an evidence link's \"file\" holds the bytes whose SHA-256 and length the row's Sha256 and Size state");
                w.WriteStartArray("chains");
                foreach (var chain in chains)
                {
                    w.WriteStartObject();
                    w.WriteString("chain", chain.Chain);
                    w.WriteString("chainId", chain.Id.ToString("D"));
                    w.WriteString("label", chain.Label);
                    w.WriteString("folder", chain.Folder);
                    w.WriteStartArray("links");
                    foreach (var (link, row, file) in chain.Links)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("sequence", link.Sequence);
                        w.WriteString("table", link.Table);
                        w.WriteString("rowKey", link.RowKey);
                        w.WriteString("event", link.Event);
                        w.WriteString("algorithm", link.Algorithm);
                        w.WriteString("contentHash", link.ContentHash);
                        w.WriteString("previousHash", link.PreviousHash);
                        w.WriteString("linkHash", link.LinkHash);
                        if (row is not null) w.WriteString("row", row);
                        if (file is not null) w.WriteString("file", file);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }, ct);
        }
    }

    private async Task<List<(ArchiveLink, string?, string?)>> WriteChainAsync(ZipArchive zip, string chain, Guid id, string folder, CancellationToken ct)
    {
        var links = await db.ChainLinks.AsNoTracking().Where(l => l.Chain == chain && l.ChainId == id).OrderBy(l => l.Sequence)
            .Select(l => new ArchiveLink(l.Sequence, l.Table, l.RowKey, l.Event, l.Algorithm, l.ContentHash, l.PreviousHash, l.LinkHash))
            .ToListAsync(ct);
        var result = new List<(ArchiveLink, string?, string?)>();
        var rows = new Dictionary<(string, string), object>();
        foreach (var query in ArchiveSealing.RowsOf(db, chain, id))
            foreach (var row in await query.ToListAsync(ct))
            {
                var entry = db.Entry(row);
                rows[(ArchiveSealing.TableOf(entry), ArchiveSealing.RowKeyOf(entry))] = row;
            }
        foreach (var link in links)
        {
            if (link.Event != ChainVerifier.AddedEvent || !rows.TryGetValue((link.Table, link.RowKey), out var row))
            {
                result.Add((link, null, null));
                continue;
            }
            var path = $"{folder}/{link.Table}/{link.Sequence:D4}";
            var fields = ArchiveSealing.Fields(db.Entry(row)).ToList();
            await WriteJsonAsync(zip, path + ".json", w =>
            {
                foreach (var (name, value) in fields)
                {
                    if (value is null) w.WriteNull(name);
                    // Long texts (a revision's body) are files of their own, readable as they are.
                    else if (value.Length > 200 || value.Contains('\n'))
                    {
                        w.WriteStartObject(name);
                        w.WriteString("$file", $"{path}.{name}.txt");
                        w.WriteEndObject();
                    }
                    else w.WriteString(name, value);
                }
            }, ct);
            foreach (var (name, value) in fields.Where(f => f.Value is { } v && (v.Length > 200 || v.Contains('\n'))))
                await WriteTextAsync(zip, $"{path}.{name}.txt", value!, ct);
            string? file = null;
            if (row is EvidenceFile evidenceFile && await evidence.TryOpenAsync(evidenceFile.Sha256, ct) is { } bytes)
            {
                await using (bytes)
                {
                    file = $"{folder}/evidence/{link.Sequence:D4}-{evidenceFile.FileName}";
                    var entry = zip.CreateEntry(file, CompressionLevel.Fastest);
                    await using var target = await entry.OpenAsync(ct);
                    await bytes.CopyToAsync(target, ct);
                }
            }
            result.Add((link, path + ".json", file));
        }
        db.ChangeTracker.Clear();
        return result;
    }

    private static async Task WriteTextAsync(ZipArchive zip, string name, string text, CancellationToken ct)
    {
        await using var stream = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(ct);
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), ct);
    }

    private static async Task WriteJsonAsync(ZipArchive zip, string name, Action<Utf8JsonWriter> body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, Json))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        await using var stream = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(ct);
        buffer.Position = 0;
        await buffer.CopyToAsync(stream, ct);
    }
}
