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
/// Takes an uploaded evidence file in: streams it to a spool file through the hash (never held in memory whole), checks its
/// size and decides its type by the content (magic bytes), never by the file name; nothing else of the content is parsed.
/// Only then are the bytes handed to the configured <see cref="IEvidenceStore"/>, under their hash.
/// </summary>
public sealed class EvidenceIntake(IEvidenceStore store, IOptions<AppOptions> app, IOptions<RectificationOptions> options,
    IOptions<LimitsOptions> limits, IHostEnvironment env)
{
    public const string Accepted = "PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG";

    /// <summary>Where uploads wait while they are checked: this node's own data folder, whatever the store.</summary>
    private string Spool => Path.Combine(app.Value.DataPath(env.ContentRootPath), "evidence-uploads");

    public long MaxBytes => options.Value.MaxEvidenceBytes;

    /// <summary>Checks size and type, then stores the bytes; refusals carry a Chinese message for the field "file".</summary>
    public async Task<StoredEvidence> SaveAsync(Stream content, CancellationToken ct)
    {
        if (content.CanSeek && content.Length > MaxBytes) throw TooLarge();
        Directory.CreateDirectory(Spool);
        var temp = Path.Combine(Spool, "upload-" + Guid.NewGuid().ToString("N") + ".tmp");
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
                sha = EvidenceHash.Of(hash);
            }
            if (size == 0) throw Refuse("evidence-empty", "文件是空的，请重新选择。");
            var type = Detect(temp, limits.Value.MaxPackageEntries) ?? throw Refuse("evidence-type", $"只能上传{Accepted}文件；该文件的内容不是这些格式（按文件内容判断，与扩展名无关）。");
            await using (var spooled = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.None, 81920, useAsync: true))
                await store.PutAsync(sha, spooled, ct);
            return new StoredEvidence(sha, size, type);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The stored bytes, or null when the store does not have them (deleted, restored without them).</summary>
    public Task<Stream?> TryOpenAsync(string sha256, CancellationToken ct) => store.OpenAsync(sha256, ct);

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
