using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflow.Activities.Archive;

/// <summary>
/// The archive's canonical encoding and hashes, one home for the app (sealing, live check, export) and the offline verifier.
/// A row is the set of its mapped scalar properties, each turned into text (<see cref="Text"/>) or null; its canonical form is
/// the RFC 8785 (JCS) JSON object of those strings, keys in ordinal order, UTF-8; its content hash is the hash of that form.
/// A link's hash is the hash of the canonical form of the link's own fields (<see cref="LinkHash"/>).
/// </summary>
public static class ArchiveHash
{
    public const string Sha256 = "SHA-256";
    public const string Sm3 = "SM3";

    /// <summary>The previous hash of a chain's first link.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>How a row becomes bytes, as the manifest states it for an outside verifier.</summary>
    public const string EncodingDescription =
        "RFC 8785 (JCS) JSON object of every mapped scalar column (EF property name -> text or null), keys in ordinal order, UTF-8. " +
        "Text: strings as stored; integers in invariant decimal; booleans true/false; GUIDs lower-case 8-4-4-4-12; enums by name; " +
        "date-times in UTC as yyyy-MM-ddTHH:mm:ss.fffZ (truncated to the millisecond); dates yyyy-MM-dd; bytes base64; " +
        "any other type as the value its column stores (a report status: its key).";

    public static bool IsKnown(string algorithm) => algorithm is Sha256 or Sm3;

    /// <summary>Whether <see cref="Text"/> writes values of this type itself (others go through their column's stored form).</summary>
    public static bool Knows(object value) => value is string or bool or DateTimeOffset or DateTime or DateOnly or Guid or Enum or byte[]
        or sbyte or byte or short or ushort or int or uint or long or ulong or decimal;

    /// <summary>A property value as the canonical form writes it; the same for the value written and the value read back on SQLite and PostgreSQL.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        // SQLite keeps 1/10,000 s and PostgreSQL 1/1,000,000 s: the millisecond is what both give back unchanged.
        DateTimeOffset d => new DateTime(d.UtcTicks - d.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTime d => new DateTime(d.Ticks - d.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        Enum e => e.ToString(),
        byte[] bytes => Convert.ToBase64String(bytes),
        sbyte or byte or short or ushort or int or uint or long or ulong or decimal => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"{value.GetType().Name} has no canonical text in the archive encoding.", nameof(value)),
    };

    /// <summary>The canonical bytes of a row: its fields as a JCS JSON object of strings and nulls.</summary>
    public static byte[] Canonical(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var json = new StringBuilder("{");
        var first = true;
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!first) json.Append(',');
            first = false;
            AppendString(json, name);
            json.Append(':');
            if (value is null) json.Append("null");
            else AppendString(json, value);
        }
        return Encoding.UTF8.GetBytes(json.Append('}').ToString());
    }

    /// <summary>Lower-case hex digest of <paramref name="data"/>.</summary>
    public static string Digest(string algorithm, byte[] data)
    {
        switch (algorithm)
        {
            case Sha256:
                return Convert.ToHexStringLower(SHA256.HashData(data));
            case Sm3:
                var sm3 = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
                sm3.BlockUpdate(data, 0, data.Length);
                var output = new byte[sm3.GetDigestSize()];
                sm3.DoFinal(output, 0);
                return Convert.ToHexStringLower(output);
            default:
                throw new ArgumentException($"Unknown hash algorithm {algorithm}.", nameof(algorithm));
        }
    }

    public static string ContentHash(string algorithm, IEnumerable<KeyValuePair<string, string?>> fields) => Digest(algorithm, Canonical(fields));

    /// <summary>A link's own hash: it covers its place (chain, sequence), the row it seals, the row's content hash and the previous link's hash.</summary>
    public static string LinkHash(string algorithm, string chain, Guid chainId, int sequence, string table, string rowKey, string @event,
        string contentHash, string previousHash) =>
        Digest(algorithm, Canonical(new Dictionary<string, string?>
        {
            ["Algorithm"] = algorithm,
            ["Chain"] = chain,
            ["ChainId"] = Text(chainId),
            ["ContentHash"] = contentHash,
            ["Event"] = @event,
            ["PreviousHash"] = previousHash,
            ["RowKey"] = rowKey,
            ["Sequence"] = Text(sequence),
            ["Table"] = table,
        }));

    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        json.Append('"');
    }
}
