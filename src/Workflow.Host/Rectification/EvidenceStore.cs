using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workflow.Activities.Reports;
using Workflow.Host.Documents;

namespace Workflow.Host.Rectification;

/// <summary>An uploaded file that passed the checks and sits in the store under its hash.</summary>
public sealed record StoredEvidence(string Sha256, long Size, string ContentType);

/// <summary>
/// Keeps evidence files outside the database, under the data folder as evidence/&lt;first two hex digits&gt;/&lt;sha256&gt;.
/// The same content is stored once. The type is decided by the content (magic bytes), never by the file name; nothing else of
/// the content is parsed, and the upload is streamed to disk through the hash, never held in memory whole.
/// </summary>
public sealed class EvidenceStore(IOptions<AppOptions> app, IOptions<RectificationOptions> options, IOptions<LimitsOptions> limits,
    IHostEnvironment env)
{
    public const string Accepted = "PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG";

    private string Root => Path.Combine(ApprovalFlowHostExtensions.DataDirectory(app.Value, env.ContentRootPath), "evidence");

    public long MaxBytes => options.Value.MaxEvidenceBytes;

    /// <summary>Checks size and type, then stores the bytes; refusals carry a Chinese message for the field "file".</summary>
    public async Task<StoredEvidence> SaveAsync(Stream content, CancellationToken ct)
    {
        if (content.CanSeek && content.Length > MaxBytes) throw TooLarge();
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, "upload-" + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            long size = 0;
            string sha;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > MaxBytes) throw TooLarge();
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            if (size == 0) throw Refuse("evidence-empty", "文件是空的，请重新选择。");
            var type = Detect(temp, limits.Value.MaxPackageEntries) ?? throw Refuse("evidence-type", $"只能上传{Accepted}文件；该文件的内容不是这些格式（按文件内容判断，与扩展名无关）。");
            var target = PathOf(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target)) File.Delete(temp);
            else File.Move(temp, target);
            return new StoredEvidence(sha, size, type);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The stored bytes, or null when they are not in this node's folder (deleted, or stored by another node).</summary>
    public Stream? TryOpen(string sha256)
    {
        try
        {
            return new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            throw new ArgumentException("Not a SHA-256 hex digest.", nameof(sha256));
        return Path.Combine(Root, sha256[..2], sha256);
    }

    /// <summary>
    /// The content type from the first bytes; Office files are zip packages told apart by their main part, looked up in the zip
    /// directory once its entry count is known to be at most <paramref name="maxEntries"/> (nothing is inflated).
    /// </summary>
    public static string? Detect(string path, int maxEntries)
    {
        Span<byte> head = stackalloc byte[8];
        int n;
        using (var file = File.OpenRead(path)) n = file.Read(head);
        var h = head[..n];
        if (h.StartsWith("%PDF-"u8)) return "application/pdf";
        if (h.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "image/jpeg";
        if (h.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (!h.StartsWith("PK\u0003\u0004"u8)) return null;
        try
        {
            using var file = File.OpenRead(path);
            // Sizes do not matter here, nothing is inflated; the count does, ZipArchive allocates an object per entry.
            OfficePackage.Inspect(file, new PackageLimits(maxEntries, long.MaxValue, long.MaxValue));
            using var zip = new ZipArchive(file, ZipArchiveMode.Read);
            if (zip.GetEntry("word/document.xml") is not null)
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            if (zip.GetEntry("xl/workbook.xml") is not null)
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private WorkflowRuleException TooLarge() =>
        Refuse("evidence-too-large", $"文件超过{MaxBytes / 1024.0 / 1024.0:0.#}MB的大小上限，请压缩或拆分后上传。");

    private static WorkflowRuleException Refuse(string code, string message) => new(RuleViolation.Invalid, code, message, "file");
}
