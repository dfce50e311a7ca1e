using System.Text;

namespace Workflow.Host.Documents;

/// <summary>Reads plain text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 as older Chinese tools write it.</summary>
public static class TextFileReader
{
    static TextFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ImportedDocument Read(byte[] bytes)
    {
        var (text, encoding) = Decode(bytes);
        return ReportImporter.Build(text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'), null, "txt/" + encoding);
    }

    /// <summary>Decodes the bytes and names the encoding found: "UTF-8", "UTF-16" or "GB18030".</summary>
    public static (string Text, string Encoding) Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            return (Strict(new UTF8Encoding(false, true), bytes, 3), "UTF-8");
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }))
            return (Strict(new UnicodeEncoding(false, false, true), bytes, 2), "UTF-16");
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
            return (Strict(new UnicodeEncoding(true, false, true), bytes, 2), "UTF-16");
        if (Array.IndexOf(bytes, (byte)0) >= 0)
            throw ReportImporter.Invalid("file-not-text", "这不是纯文本文件，请上传 .txt 或 .docx 文件。");
        try
        {
            return (new UTF8Encoding(false, true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // Not valid UTF-8: Notepad and older Word save Chinese text as GB18030 (a superset of GBK/GB2312).
            var gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            return (Strict(gb18030, bytes, 0), "GB18030");
        }
    }

    private static string Strict(Encoding encoding, byte[] bytes, int skip)
    {
        try
        {
            return encoding.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            throw ReportImporter.Invalid("file-encoding-unknown", "无法识别文本文件的编码，请在记事本中“另存为”UTF-8 编码后再上传。");
        }
    }
}
