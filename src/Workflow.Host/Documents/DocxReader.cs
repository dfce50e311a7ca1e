using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workflow.Host.Documents;

/// <summary>Reads the paragraphs of a .docx: visible text only (no deleted revisions, field codes or text boxes).</summary>
public static class DocxReader
{
    private static readonly string[] TitleStyles = ["Title", DocxStyles.ReportTitle];

    public static ImportedDocument Read(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var doc = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = 50_000_000 });
            var body = doc.MainDocumentPart?.Document?.Body
                       ?? throw ReportImporter.Invalid("file-unreadable", "这个 Word 文件没有正文，可能已损坏。");
            string? title = null;
            var paragraphs = new List<string>();
            foreach (var paragraph in body.Descendants<Paragraph>().Where(p => !p.Ancestors<TextBoxContent>().Any()))
            {
                var text = TextOf(paragraph);
                var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
                if (title is null && paragraphs.Count == 0 && style is not null && TitleStyles.Contains(style) && text.Trim().Length > 0)
                    title = text;
                else
                    paragraphs.Add(text);
            }
            return ReportImporter.Build(paragraphs, title, "docx");
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException
                                      or InvalidOperationException or ArgumentException)
        {
            throw ReportImporter.Invalid("file-unreadable", "无法读取这个 Word 文件，请确认它是 .docx 格式且没有损坏（可在 Word 中重新“另存为” .docx）。");
        }
    }

    private static string TextOf(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t when !t.Ancestors<TextBoxContent>().Any(): text.Append(t.Text); break;
                case TabChar: text.Append(' '); break;
                case Break b when b.Type is null || b.Type.Value == BreakValues.TextWrapping: text.Append('\n'); break;
                case CarriageReturn: text.Append('\n'); break;
                case NoBreakHyphen: text.Append('-'); break;
            }
        }
        return text.ToString();
    }
}
