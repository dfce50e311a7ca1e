using System.Text.RegularExpressions;
using Workflow.Activities.Reports;

namespace Workflow.Host.Documents;

/// <summary>A report read from an uploaded file: the title when the file has one, and its paragraphs.</summary>
public sealed record ImportedDocument(string? Title, IReadOnlyList<string> Paragraphs, string Format)
{
    public string Body => string.Join('\n', Paragraphs);
}

/// <summary>Reads uploaded .docx and .txt files into report text, refusing bad input with a Chinese message.</summary>
public static partial class ReportImporter
{
    /// <summary>
    /// Reads an upload of <paramref name="length"/> bytes. Type, size and emptiness are checked before a byte is read; the
    /// file is then held once (or not at all: a seekable .docx stream is read in place) and read against
    /// <paramref name="limits"/>, stopping at the first limit passed.
    /// </summary>
    public static async Task<ImportedDocument> ReadAsync(Stream stream, string fileName, long length, LimitsOptions limits,
        CancellationToken ct = default)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension is not (".docx" or ".txt"))
            throw Invalid("file-type-unsupported", extension == ".doc"
                ? "不支持旧版 .doc 文件，请在 Word 中“另存为” .docx 后再上传。"
                : "只能上传 .docx 或 .txt 文件。");
        if (length <= 0)
            throw Invalid("file-empty", "上传的文件是空的。");
        if (length > limits.MaxReportFileBytes)
            throw Invalid("file-too-large", $"文件过大（{LimitsOptions.Megabytes(length)}），不能超过 {LimitsOptions.Megabytes(limits.MaxReportFileBytes)}。");
        var document = extension == ".docx"
            ? DocxReader.Read(stream.CanSeek ? stream : new MemoryStream(await ReadAllAsync(stream, length, ct), writable: false), limits)
            : TextFileReader.Read(await ReadAllAsync(stream, length, ct), limits.ReportText);
        if (document.Paragraphs.Count == 0)
            throw Invalid("file-no-text", "文件中没有找到正文文字。");
        return document;
    }

    // One buffer of the announced length, filled in place: no growing copies and no ToArray.
    private static async Task<byte[]> ReadAllAsync(Stream stream, long length, CancellationToken ct)
    {
        var bytes = new byte[length];
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }

    internal static WorkflowRuleException Invalid(string code, string message) => new(RuleViolation.Invalid, code, message, "file");

    /// <summary>Cleans paragraphs the way Word users expect: no indentation blanks, no empty paragraphs, no invisible characters.</summary>
    internal static ImportedDocument Build(IEnumerable<string> rawParagraphs, string? styledTitle, string format)
    {
        // Word's manual line breaks (\v) and page breaks (\f) end a paragraph in a .txt it saves.
        var paragraphs = rawParagraphs.SelectMany(p => p.Split(['\n', '\v', '\f'])).Select(Clean).Where(p => p.Length > 0).ToList();
        var title = styledTitle is null ? null : Clean(styledTitle);
        if (string.IsNullOrEmpty(title) && paragraphs.Count > 1 && LooksLikeTitle(paragraphs[0]))
            title = paragraphs[0];
        if (!string.IsNullOrEmpty(title) && paragraphs.Count > 0 && paragraphs[0] == title) paragraphs.RemoveAt(0);
        return new ImportedDocument(string.IsNullOrEmpty(title) ? null : title, paragraphs, format);
    }

    private static string Clean(string paragraph) =>
        Invisible().Replace(paragraph, "").Replace('\t', ' ').Trim(' ', '\u3000', '\u00A0', '\r');

    private static bool LooksLikeTitle(string paragraph) =>
        paragraph.Length <= 80 && !"。：:；;，,！!？?".Contains(paragraph[^1]) && !Numbered().IsMatch(paragraph);

    // Invisible format characters, and the control characters a report cannot hold (UserText refuses them in typed text).
    [GeneratedRegex(@"[\u200B\u200C\u200D\uFEFF\u00AD\x00-\x08\x0E-\x1F\uFFFE\uFFFF]")]
    private static partial Regex Invisible();

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]+[.．、])")]
    private static partial Regex Numbered();
}
