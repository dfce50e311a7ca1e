using System.Buffers.Binary;
using System.IO.Compression;
using Workflow.Activities.Reports;

namespace Workflow.Host.Documents;

/// <summary>
/// Looks at an Office file's zip directory before it is opened, so a zip bomb (a small file that inflates to gigabytes,
/// or hundreds of thousands of entries) is refused by its declared sizes instead of being inflated.
/// </summary>
public static class OfficePackage
{
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint Zip64EndOfCentralDirectory = 0x06064b50;

    /// <summary>
    /// Throws <see cref="WorkflowRuleException"/> "file-package-too-large" when a limit is passed, and
    /// <see cref="InvalidDataException"/> when the bytes are not a zip. Leaves <paramref name="zip"/> at position 0.
    /// </summary>
    public static void Inspect(Stream zip, PackageLimits limits)
    {
        if (!zip.CanSeek) throw new ArgumentException("The package must be seekable.", nameof(zip));
        // The entry count comes from the end record first: ZipArchive allocates an object per entry before we could count them.
        var declared = DeclaredEntryCount(zip) ?? throw new InvalidDataException("No zip end-of-central-directory record.");
        if (declared > limits.MaxEntries) throw TooLarge($"包含{declared:N0}个部件，超过上限{limits.MaxEntries:N0}个");
        zip.Position = 0;
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true))
        {
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                if (IsXml(entry.FullName) && entry.Length > limits.MaxXmlPartBytes)
                    throw TooLarge($"部件 {entry.FullName} 解压后 {LimitsOptions.Megabytes(entry.Length)}，超过上限 {LimitsOptions.Megabytes(limits.MaxXmlPartBytes)}");
                total += entry.Length;
                if (total > limits.MaxUncompressedBytes)
                    throw TooLarge($"解压后超过 {LimitsOptions.Megabytes(limits.MaxUncompressedBytes)}");
            }
        }
        zip.Position = 0;
    }

    private static bool IsXml(string name) => name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ||
                                              name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    internal static WorkflowRuleException TooLarge(string why) =>
        new(RuleViolation.Invalid, "file-package-too-large",
            $"文件内容异常：{why}。这不像是正常的 Word 或 Excel 文件，请在 Office 中重新“另存为”后再上传。", "file");

    // The end record sits in the last 22 bytes plus at most a 64 KB comment; Zip64 files point to a larger record before it.
    private static long? DeclaredEntryCount(Stream zip)
    {
        var tailLength = (int)Math.Min(zip.Length, 22 + 65_535 + 20);
        if (tailLength < 22) return null;
        var tail = new byte[tailLength];
        zip.Position = zip.Length - tailLength;
        zip.ReadExactly(tail);
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EndOfCentralDirectory) continue;
            long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            if (count != ushort.MaxValue) return count;
            if (i < 20 || BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i - 20)) != Zip64Locator) return count;
            var recordAt = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(i - 20 + 8));
            if (recordAt < 0 || recordAt > zip.Length - 56) return null;
            var record = new byte[56];
            zip.Position = recordAt;
            zip.ReadExactly(record);
            if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndOfCentralDirectory) return null;
            return (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32)), long.MaxValue);
        }
        return null;
    }
}
