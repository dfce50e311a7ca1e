using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workflow.Host.Documents;

/// <summary>A report as it goes into a Word file.</summary>
public sealed record ReportText(string Title, string Body);

/// <summary>Writes reports as .docx in the official layout: one report, or the committee's 汇编 of many.</summary>
public static partial class ReportDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Export(ReportText report) => Write(body => AppendReport(body, report, newPage: false), updateFields: false);

    /// <summary>Cover page with <paramref name="coverTitle"/>, a table of contents, then each report on a new page.</summary>
    public static byte[] Compile(string coverTitle, IReadOnlyList<ReportText> reports) => Write(body =>
    {
        for (var i = 0; i < 6; i++) body.Append(new Paragraph());
        body.Append(Styled(DocxStyles.CoverTitle, new Run(new Text(coverTitle))));
        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        body.Append(Styled(DocxStyles.TocTitle, new Run(new Text("目  录") { Space = SpaceProcessingModeValues.Preserve })));
        AppendTableOfContents(body, reports);
        foreach (var report in reports) AppendReport(body, report, newPage: true);
    }, updateFields: true);

    private static byte[] Write(Action<Body> fill, bool updateFields)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = DocxStyles.Create();
            // Word refreshes the table of contents (page numbers) when the compilation is opened.
            if (updateFields) main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new UpdateFieldsOnOpen { Val = true });
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = PageNumberFooter();
            var body = new Body();
            fill(body);
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static void AppendReport(Body body, ReportText report, bool newPage)
    {
        var title = Styled(DocxStyles.ReportTitle, new Run(new Text(report.Title)));
        if (newPage) title.ParagraphProperties!.Append(new PageBreakBefore());
        body.Append(title);
        foreach (var paragraph in report.Body.Split('\n').Select(p => p.Trim(' ', '\u3000', '\u00A0')).Where(p => p.Length > 0))
            body.Append(BodyParagraph(paragraph));
    }

    // "一、…" in 黑体, "（一）…" in 楷体, "1.…" bold; a heading that runs on into the text is styled up to its first 。.
    private static Paragraph BodyParagraph(string text)
    {
        var style = Level1().IsMatch(text) ? DocxStyles.Heading1
            : Level2().IsMatch(text) ? DocxStyles.Heading2
            : Level3().IsMatch(text) ? DocxStyles.Heading3
            : null;
        if (style is null) return new Paragraph(TextRun(text));
        var stop = text.IndexOf('。');
        if (stop < 0 || stop == text.Length - 1) return Styled(style, TextRun(text));
        var headingFont = style == DocxStyles.Heading1 ? "黑体" : style == DocxStyles.Heading2 ? "楷体_GB2312" : DocxStyles.BodyFont;
        var lead = TextRun(text[..(stop + 1)]);
        lead.PrependChild(new RunProperties(new RunFonts { EastAsia = headingFont }, style == DocxStyles.Heading3 ? new Bold() : new Bold { Val = false }));
        return new Paragraph(lead, TextRun(text[(stop + 1)..]));
    }

    private static Run TextRun(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static Paragraph Styled(string style, params OpenXmlElement[] runs)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        paragraph.Append(runs);
        return paragraph;
    }

    private static void AppendTableOfContents(Body body, IReadOnlyList<ReportText> reports)
    {
        var entries = reports.Select((r, i) => new Paragraph(
            new ParagraphProperties(new Indentation { FirstLineChars = 0, FirstLine = "0" }),
            TextRun($"{i + 1}. {r.Title}"))).ToList();
        if (entries.Count == 0) entries.Add(new Paragraph());
        entries[0].InsertAfter(new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }), entries[0].ParagraphProperties);
        entries[0].InsertAfter(new Run(new FieldCode(" TOC \\o \"1-1\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
            entries[0].Elements<Run>().First());
        entries[0].InsertAfter(new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }), entries[0].Elements<Run>().ElementAt(1));
        entries[^1].Append(new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
        body.Append(entries);
    }

    private static Footer PageNumberFooter() => new(new Paragraph(
        new ParagraphProperties(new Indentation { FirstLineChars = 0, FirstLine = "0" }, new Justification { Val = JustificationValues.Center }),
        FooterRun("— "),
        new SimpleField(FooterRun("1")) { Instruction = " PAGE " },
        FooterRun(" —")));

    private static Run FooterRun(string text) => new(
        new RunProperties(new RunFonts { Ascii = "宋体", HighAnsi = "宋体", EastAsia = "宋体" }, new FontSize { Val = "28" }),
        new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    [GeneratedRegex(@"^[一二三四五六七八九十]{1,3}、")]
    private static partial Regex Level1();

    [GeneratedRegex(@"^（[一二三四五六七八九十]{1,3}）")]
    private static partial Regex Level2();

    [GeneratedRegex(@"^[0-9]{1,2}[.．](?![0-9])")]
    private static partial Regex Level3();
}
