using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Workflow.Host.Documents;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Documents;

/// <summary>Builds uploads and opens downloaded .docx files again, as a user's Word would.</summary>
public static class WordFiles
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    static WordFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A .docx in the official layout holding <paramref name="title"/> and the body's paragraphs.</summary>
    public static byte[] Docx(string title, string body) => ReportDocx.Export(new ReportText(title, body));

    public static byte[] Gb18030(string text) => Encoding.GetEncoding("GB18030").GetBytes(text);

    /// <summary>A multipart form as a browser or script sends it: the file part (when given) and plain fields.</summary>
    public static MultipartFormDataContent Form((string Name, byte[] Content)? file, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", f.Name);
        }
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    /// <summary>Asserts a .docx download and returns its bytes and the file name the browser would save it under.</summary>
    public static async Task<(byte[] Content, string FileName)> ExpectDocxAsync(this HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(DocxType, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        return (bytes, disposition.FileNameStar ?? disposition.FileName!);
    }

    /// <summary>One paragraph of a Word file: its style, visible text, and whether it starts a new page.</summary>
    public sealed record WordParagraph(string? Style, string Text, bool PageBreakBefore, bool BreaksPageAfter);

    /// <summary>What a reader of the file sees: paragraphs, fonts named by each style, field codes, footer text.</summary>
    public sealed record WordDocument(IReadOnlyList<WordParagraph> Paragraphs, IReadOnlyDictionary<string, string> EastAsiaFontOfStyle,
        IReadOnlyList<string> FieldCodes, string Footer, bool UpdatesFieldsOnOpen)
    {
        public IEnumerable<WordParagraph> Styled(string style) => Paragraphs.Where(p => p.Style == style);
    }

    public static WordDocument Open(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = doc.MainDocumentPart!;
        var paragraphs = main.Document.Body!.Elements<Paragraph>().Select(p => new WordParagraph(
            p.ParagraphProperties?.ParagraphStyleId?.Val?.Value,
            string.Concat(p.Descendants<Text>().Select(t => t.Text)),
            p.ParagraphProperties?.PageBreakBefore is not null,
            p.Descendants<Break>().Any(b => b.Type?.Value == BreakValues.Page))).ToList();
        var fonts = main.StyleDefinitionsPart!.Styles!.Elements<Style>()
            .Where(s => s.StyleRunProperties?.RunFonts?.EastAsia?.Value is not null)
            .ToDictionary(s => s.StyleId!.Value!, s => s.StyleRunProperties!.RunFonts!.EastAsia!.Value!);
        var defaultFont = main.StyleDefinitionsPart.Styles.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.RunFonts?.EastAsia?.Value;
        if (defaultFont is not null) fonts["(default)"] = defaultFont;
        var footer = main.FooterParts.SingleOrDefault();
        var footerText = footer is null ? "" : string.Join("|", footer.Footer.Descendants<SimpleField>().Select(f => f.Instruction?.Value?.Trim()));
        return new WordDocument(paragraphs, fonts, main.Document.Descendants<FieldCode>().Select(f => f.Text.Trim()).ToList(), footerText,
            main.DocumentSettingsPart?.Settings?.Elements<UpdateFieldsOnOpen>().Any(u => u.Val?.Value == true) == true);
    }

    /// <summary>A report text that passes every blocking check and shows every heading level.</summary>
    public static string CleanBody(string fill = "23") =>
        $"一、履行主体责任情况\n党组全年召开专题会议{fill}次，研究部署全面从严治党工作。\n（一）强化理论武装\n1.坚持第一议题制度。\n" +
        "二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论学习。";

    public static string TitleFor(DemoUnit unit, int year) => $"中共{unit.Name}党组关于{year}年度落实全面从严治党主体责任情况的报告";
}
