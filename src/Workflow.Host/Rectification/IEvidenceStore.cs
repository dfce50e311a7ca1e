using System.Security.Cryptography;

namespace Workflow.Host.Rectification;

/// <summary>
/// Keeps evidence bytes by their SHA-256 (content-addressed: the same content is kept once). Bytes are streamed in and out,
/// never held whole in memory. The checks of an upload (size, type) are <see cref="EvidenceIntake"/>'s, not the store's.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Which store this is, for operators (the migrate command prints it).</summary>
    string Description { get; }

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="sha256"/>, hashing it on the way: bytes that do not hash to
    /// it are refused with <see cref="InvalidDataException"/> and nothing is kept. False when the content was already there.
    /// </summary>
    Task<bool> PutAsync(string sha256, Stream content, CancellationToken ct = default);

    /// <summary>A read stream over the stored bytes (seekable, its length known), or null when they are not in the store.</summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken ct = default);

    Task<bool> ExistsAsync(string sha256, CancellationToken ct = default);
}

/// <summary>The hash every store keys by.</summary>
public static class EvidenceHash
{
    /// <summary>Refuses anything but 64 lower-case hex digits, so a hash can name a file or a row safely.</summary>
    public static string Check(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            throw new ArgumentException("Not a lower-case SHA-256 hex digest.", nameof(sha256));
        return sha256;
    }

    public static string Of(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());

    public static InvalidDataException Mismatch(string expected, string actual) =>
        new($"The bytes hash to {actual}, not to {expected}; nothing was stored.");
}
