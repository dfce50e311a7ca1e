using System.Text;
using Workflow.Activities.Reports;

namespace Workflow.Host.Documents;

/// <summary>Reads plain text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 as older Chinese tools write it.</summary>
public static class TextFileReader
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false, true);

    static TextFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads the lines of a text file; "body-too-long" when it holds more characters than a report body may.</summary>
    public static ImportedDocument Read(byte[] bytes, ReportTextLimits limits)
    {
        var (text, encoding) = Decode(bytes, limits);
        return ReportImporter.Build(text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'), null, "txt/" + encoding);
    }

    /// <summary>Decodes the bytes and names the encoding found: "UTF-8", "UTF-16" or "GB18030".</summary>
    public static (string Text, string Encoding) Decode(byte[] bytes, ReportTextLimits limits)
    {
        if (bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            return (Strict(Utf8, bytes, 3, limits), "UTF-8");
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }))
            return (Strict(new UnicodeEncoding(false, false, true), bytes, 2, limits), "UTF-16");
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
            return (Strict(new UnicodeEncoding(true, false, true), bytes, 2, limits), "UTF-16");
        if (Array.IndexOf(bytes, (byte)0) >= 0)
            throw ReportImporter.Invalid("file-not-text", "这不是纯文本文件，请上传 .txt 或 .docx 文件。");
        if (CharactersIn(Utf8, bytes, 0) is { } characters)
            return (Decoded(Utf8, bytes, 0, characters, limits), "UTF-8");
        // Not valid UTF-8: Notepad and older Word save Chinese text as GB18030 (a superset of GBK/GB2312).
        var gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        return (Strict(gb18030, bytes, 0, limits), "GB18030");
    }

    private static string Strict(Encoding encoding, byte[] bytes, int skip, ReportTextLimits limits) =>
        CharactersIn(encoding, bytes, skip) is { } characters
            ? Decoded(encoding, bytes, skip, characters, limits)
            : throw ReportImporter.Invalid("file-encoding-unknown", "无法识别文本文件的编码，请在记事本中“另存为”UTF-8 编码后再上传。");

    // Counted before the text is built: 10 MB of one letter is refused without becoming a 20 MB string.
    private static string Decoded(Encoding encoding, byte[] bytes, int skip, int characters, ReportTextLimits limits) =>
        characters > limits.MaxBodyLength ? throw limits.BodyTooLong("file") : encoding.GetString(bytes, skip, bytes.Length - skip);

    /// <summary>The number of characters the bytes decode to, or null when they are not valid in <paramref name="encoding"/>.</summary>
    private static int? CharactersIn(Encoding encoding, byte[] bytes, int skip)
    {
        try
        {
            return encoding.GetCharCount(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
