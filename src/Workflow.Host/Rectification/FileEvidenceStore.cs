using System.Security.Cryptography;

namespace Workflow.Host.Rectification;

/// <summary>
/// Evidence in a folder as &lt;first two hex digits&gt;/&lt;sha256&gt;: the node's data folder (one node), or a folder every
/// node mounts (NFS, SMB). A file appears under its name only once complete: it is written beside it and renamed.
/// </summary>
public sealed class FileEvidenceStore(string root) : IEvidenceStore
{
    private const int BufferBytes = 81920;

    public string Root { get; } = Path.GetFullPath(root);

    public string Description => $"文件夹 {Root}";

    public async Task<bool> PutAsync(string sha256, Stream content, CancellationToken ct = default)
    {
        var target = PathOf(sha256);
        if (File.Exists(target)) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[BufferBytes];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                var actual = EvidenceHash.Of(hash);
                if (actual != sha256) throw EvidenceHash.Mismatch(sha256, actual);
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temp, target);
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                return false; // another upload of the same content (maybe on another node) got there first
            }
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken ct = default)
    {
        try
        {
            return Task.FromResult<Stream?>(new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, useAsync: true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct = default) => Task.FromResult(File.Exists(PathOf(sha256)));

    /// <summary>Where the bytes of <paramref name="sha256"/> are (or would be) in <paramref name="root"/>.</summary>
    public static string PathOf(string root, string sha256) => Path.Combine(root, EvidenceHash.Check(sha256)[..2], sha256);

    private string PathOf(string sha256) => PathOf(Root, sha256);
}
