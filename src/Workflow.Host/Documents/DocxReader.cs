using System.IO.Compression;
using System.Text;
using System.Xml;
using Workflow.Activities.Reports;

namespace Workflow.Host.Documents;

/// <summary>
/// Reads the paragraphs of a .docx: visible text only (no deleted revisions, field codes or text boxes), in one streaming
/// pass that stops as soon as the file holds more than a report may.
/// </summary>
/// <remarks>
/// The zip is read with <see cref="ZipArchive"/>, not WordprocessingDocument: opening a WordprocessingDocument parses every
/// .rels part and [Content_Types].xml into objects (a 1.4 MB file of 250,000 relationships: +180 MB), and only the main
/// part is needed. That part goes through <see cref="XmlShapeGuardStream"/> into an XmlReader, not OpenXmlReader:
/// OpenXmlReader.GetText materialises a whole w:t (one 31 M-character run: +130 MB), ReadValueChunk stops at the limit.
/// </remarks>
public static class DocxReader
{
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    // Word saves "Strict Open XML" on request; the Open XML SDK read it, so it is read too.
    private static readonly string[] WordprocessingNamespaces =
        ["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"];

    private static readonly string[] OfficeDocumentTypes =
        ["http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"];

    private static readonly string[] TitleStyles = ["Title", DocxStyles.ReportTitle];

    /// <summary>
    /// Reads a .docx from a seekable stream. Refuses with "file-package-too-large" a zip over the package limits,
    /// "body-too-long" more text or paragraphs than a report body may hold, and "file-unreadable" anything that is not a
    /// readable Word document (another format, a truncated zip, malformed XML, a DTD, absurd nesting).
    /// </summary>
    public static ImportedDocument Read(Stream docx, LimitsOptions limits)
    {
        try
        {
            OfficePackage.Inspect(docx, limits.Package);
            using var zip = new ZipArchive(docx, ZipArchiveMode.Read, leaveOpen: true);
            var main = MainPart(zip, limits) ?? throw Unreadable();
            using var xml = XmlReader.Create(new XmlShapeGuardStream(main.Open()), Settings(limits));
            var (title, paragraphs) = ReadBody(xml, limits.ReportText);
            return ReportImporter.Build(paragraphs, title, "docx");
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or EndOfStreamException)
        {
            throw Unreadable();
        }
    }

    private static WorkflowRuleException Unreadable() =>
        ReportImporter.Invalid("file-unreadable", "无法读取这个 Word 文件，请确认它是 .docx 格式且没有损坏（可在 Word 中重新“另存为” .docx）。");

    // No DTD (billion laughs), no resolver, at most the part limit in characters; comments and whitespace-only text between
    // tags are skipped as the Open XML SDK skips them.
    private static XmlReaderSettings Settings(LimitsOptions limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = limits.MaxXmlPartBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>The part the package's officeDocument relationship points to (word/document.xml as Word names it).</summary>
    private static ZipArchiveEntry? MainPart(ZipArchive zip, LimitsOptions limits)
    {
        var rels = Entry(zip, "_rels/.rels");
        if (rels is null) return null;
        using var xml = XmlReader.Create(new XmlShapeGuardStream(rels.Open()), Settings(limits));
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Relationship" || xml.NamespaceURI != PackageRelationships
                || !OfficeDocumentTypes.Contains(xml.GetAttribute("Type")) || xml.GetAttribute("TargetMode") == "External")
                continue;
            var target = Uri.UnescapeDataString(xml.GetAttribute("Target") ?? "").TrimStart('/');
            return Entry(zip, target.StartsWith("./", StringComparison.Ordinal) ? target[2..] : target);
        }
        return null;
    }

    // Part names are case-insensitive (OPC); zip entry names are not.
    private static ZipArchiveEntry? Entry(ZipArchive zip, string name) =>
        zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// One pass over document.xml with the state in a few depths, so nesting costs no stack. Every character taken and every
    /// paragraph (empty ones too: a million &lt;w:p/&gt; is the cheapest bomb) counts against the body limit; a body is never
    /// longer than that count, since each paragraph adds at most one line break.
    /// </summary>
    private static (string? Title, List<string> Paragraphs) ReadBody(XmlReader xml, ReportTextLimits limits)
    {
        string? title = null;
        var paragraphs = new List<string>();
        var text = new StringBuilder();
        var chunk = new char[4096];
        string? style = null;
        long counted = 0;
        int paragraphCount = 0, paragraphDepth = -1, propertiesDepth = -1, textDepth = -1, skippedDepth = -1;

        void Count(int characters)
        {
            counted += characters;
            if (counted > limits.MaxBodyLength) throw limits.BodyTooLong("file");
        }

        void Take(char c)
        {
            text.Append(c);
            Count(1);
        }

        void EndParagraph()
        {
            var paragraph = text.ToString();
            if (title is null && paragraphCount == 1 && style is not null && TitleStyles.Contains(style) && paragraph.Trim().Length > 0)
                title = paragraph;
            else if (paragraph.Length > 0)
                paragraphs.Add(paragraph);
            (text.Length, style, paragraphDepth) = (0, null, -1);
        }

        if (!xml.Read() || xml.MoveToContent() != XmlNodeType.Element || xml.LocalName != "document"
            || !WordprocessingNamespaces.Contains(xml.NamespaceURI))
            throw Unreadable();
        var w = xml.NamespaceURI;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement)
            {
                if (xml.Depth == skippedDepth) skippedDepth = -1;
                else if (xml.Depth == textDepth) textDepth = -1;
                else if (xml.Depth == propertiesDepth) propertiesDepth = -1;
                else if (xml.Depth == paragraphDepth) EndParagraph();
                continue;
            }
            if (skippedDepth >= 0) continue;
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA)
            {
                if (textDepth < 0) continue;
                int read;
                while ((read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    text.Append(chunk, 0, read);
                    Count(read);
                }
                continue;
            }
            if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != w) continue;
            var empty = xml.IsEmptyElement;
            // Paragraph properties hold no text, only w:tab stops that must not become blanks; the style names a title.
            if (propertiesDepth >= 0)
            {
                if (xml.LocalName == "pStyle" && xml.Depth == propertiesDepth + 1 && propertiesDepth == paragraphDepth + 1)
                    style = xml.GetAttribute("val", w);
                continue;
            }
            switch (xml.LocalName)
            {
                // Text boxes are drawn beside the body; deleted and moved-away runs are no longer in it.
                case "txbxContent" or "del" or "moveFrom" when !empty:
                    skippedDepth = xml.Depth;
                    break;
                case "p" when paragraphDepth < 0:
                    paragraphCount++;
                    Count(1);
                    paragraphDepth = xml.Depth;
                    if (empty) EndParagraph();
                    break;
                case "pPr" when paragraphDepth >= 0 && !empty:
                    propertiesDepth = xml.Depth;
                    break;
                // Only w:t is text: w:delText (deleted) and w:instrText (field codes) never are.
                case "t" when paragraphDepth >= 0 && !empty:
                    textDepth = xml.Depth;
                    break;
                case "tab" when paragraphDepth >= 0:
                    Take(' ');
                    break;
                case "br" when paragraphDepth >= 0 && xml.GetAttribute("type", w) is null or "textWrapping":
                case "cr" when paragraphDepth >= 0:
                    Take('\n');
                    break;
                case "noBreakHyphen" when paragraphDepth >= 0:
                    Take('-');
                    break;
            }
        }
        return (title, paragraphs);
    }
}
