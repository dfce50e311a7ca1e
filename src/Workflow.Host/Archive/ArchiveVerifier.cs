using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workflow.Activities.Archive;

namespace Workflow.Host.Archive;

/// <summary>The verdict on an archive: OK, or the first chain that does not hold and where.</summary>
public sealed record ArchiveVerdict(bool Ok, int Chains, int Links, string? Label, ChainBreak? Break, string Message);

/// <summary>
/// The offline verifier of an exported archive (<c>Workflow.Web verify &lt;zip&gt;</c>): needs no database and no server. It
/// recomputes every row's content hash from the files in the zip, every evidence file's SHA-256 from its bytes, and every link
/// from the manifest, and names the first link that does not match.
/// </summary>
public static class ArchiveVerifier
{
    public static async Task<ArchiveVerdict> VerifyAsync(Stream zipFile, CancellationToken ct = default)
    {
        ZipArchive zip;
        try { zip = await ZipArchive.CreateAsync(zipFile, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, ct); }
        catch (InvalidDataException) { return Unreadable("不是有效的 zip 文件。"); }
        await using (zip)
        {
            var manifestEntry = zip.GetEntry("manifest.json");
            if (manifestEntry is null) return Unreadable("存档中没有 manifest.json。");
            JsonDocument manifest;
            try
            {
                await using var stream = await manifestEntry.OpenAsync(ct);
                manifest = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            }
            catch (JsonException) { return Unreadable("manifest.json 不是有效的 JSON。"); }
            using (manifest)
            {
                if (!manifest.RootElement.TryGetProperty("format", out var format) || format.GetString() != ArchiveExport.Format)
                    return Unreadable($"manifest.json 的格式不是 {ArchiveExport.Format}。");
                int chains = 0, links = 0;
                foreach (var chain in manifest.RootElement.GetProperty("chains").EnumerateArray())
                {
                    chains++;
                    var name = chain.GetProperty("chain").GetString()!;
                    var id = chain.GetProperty("chainId").GetGuid();
                    var label = chain.GetProperty("label").GetString()!;
                    var chainLinks = new List<ArchiveLink>();
                    var rows = new Dictionary<(string, string), List<KeyValuePair<string, string?>>>();
                    foreach (var link in chain.GetProperty("links").EnumerateArray())
                    {
                        var archived = new ArchiveLink(link.GetProperty("sequence").GetInt32(), link.GetProperty("table").GetString()!,
                            link.GetProperty("rowKey").GetString()!, link.GetProperty("event").GetString()!, link.GetProperty("algorithm").GetString()!,
                            link.GetProperty("contentHash").GetString()!, link.GetProperty("previousHash").GetString()!, link.GetProperty("linkHash").GetString()!);
                        chainLinks.Add(archived);
                        if (!link.TryGetProperty("row", out var rowPath)) continue;
                        var fields = await ReadRowAsync(zip, rowPath.GetString()!, ct);
                        if (fields is null)
                            return Broken(chains, links, label, new ChainBreak(archived.Sequence, archived.Table, archived.RowKey, $"存档中缺少记录文件 {rowPath.GetString()}，或它不是有效的 JSON。"));
                        if (link.TryGetProperty("file", out var filePath) && await CheckEvidenceAsync(zip, filePath.GetString()!, fields, ct) is { } problem)
                            return Broken(chains, links, label, new ChainBreak(archived.Sequence, archived.Table, archived.RowKey, problem));
                        rows[(archived.Table, archived.RowKey)] = fields;
                    }
                    links += chainLinks.Count;
                    if (ChainVerifier.FirstBreak(name, id, chainLinks, (table, key) => rows.GetValueOrDefault((table, key)), rows.Keys) is { } chainBreak)
                        return Broken(chains, links, label, chainBreak);
                }
                return new ArchiveVerdict(true, chains, links, null, null, $"OK：{chains} 条链、{links} 个链节全部吻合。");
            }
        }
    }

    private static ArchiveVerdict Unreadable(string message) => new(false, 0, 0, null, null, "无法校验：" + message);

    private static ArchiveVerdict Broken(int chains, int links, string label, ChainBreak chainBreak) =>
        new(false, chains, links, label, chainBreak,
            $"不符：{label}，第{chainBreak.Sequence?.ToString() ?? "—"}个链节（{chainBreak.Table} {chainBreak.RowKey}）：{chainBreak.Problem}");

    /// <summary>A row file's fields; a value <c>{"$file": path}</c> is the UTF-8 text of that entry. Null when missing or malformed.</summary>
    private static async Task<List<KeyValuePair<string, string?>>?> ReadRowAsync(ZipArchive zip, string path, CancellationToken ct)
    {
        if (zip.GetEntry(path) is not { } entry) return null;
        try
        {
            await using var stream = await entry.OpenAsync(ct);
            using var row = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            var fields = new List<KeyValuePair<string, string?>>();
            foreach (var property in row.RootElement.EnumerateObject())
            {
                string? value;
                if (property.Value.ValueKind == JsonValueKind.Null) value = null;
                else if (property.Value.ValueKind == JsonValueKind.String) value = property.Value.GetString();
                else if (property.Value.TryGetProperty("$file", out var file) && zip.GetEntry(file.GetString()!) is { } text)
                {
                    await using var textStream = await text.OpenAsync(ct);
                    using var reader = new StreamReader(textStream, new UTF8Encoding(false, true));
                    value = await reader.ReadToEndAsync(ct);
                }
                else return null;
                fields.Add(KeyValuePair.Create(property.Name, value));
            }
            return fields;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or DecoderFallbackException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>An evidence file's bytes against its row's Sha256 and Size; the problem in Chinese, or null when they match.</summary>
    private static async Task<string?> CheckEvidenceAsync(ZipArchive zip, string path, List<KeyValuePair<string, string?>> fields, CancellationToken ct)
    {
        if (zip.GetEntry(path) is not { } entry) return $"存档中缺少佐证材料文件 {path}。";
        await using var stream = await entry.OpenAsync(ct);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            length += read;
        }
        var actual = Convert.ToHexStringLower(sha.GetHashAndReset());
        var stated = fields.FirstOrDefault(f => f.Key == "Sha256").Value;
        if (actual != stated)
            return $"佐证材料文件 {path} 的 SHA-256 是 {actual[..12]}…，与记录中的 {(stated is null ? "（空）" : stated[..Math.Min(12, stated.Length)] + "…")} 不符：文件被改动。";
        var size = fields.FirstOrDefault(f => f.Key == "Size").Value;
        return size == length.ToString(System.Globalization.CultureInfo.InvariantCulture) ? null : $"佐证材料文件 {path} 的长度 {length} 与记录中的 {size} 不符。";
    }
}
