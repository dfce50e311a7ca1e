using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Workflow.Activities.Reports;
using Workflow.Host;
using Workflow.Host.Documents;
using Workflow.Tests.Shared;

namespace Workflow.Host.Tests.Documents;

public class DocxTests
{
    private static async Task<ImportedDocument> ImportAsync(byte[] bytes, string name = "报告.docx") =>
        await ReportImporter.ReadAsync(new MemoryStream(bytes), name, bytes.Length, new LimitsOptions());

    [Theory]
    [InlineData("haishi-2023.txt")]
    [InlineData("shengtai-2023.txt")]
    [InlineData("unit-star-placeholders-2023.txt")]
    public async Task Import_export_import_gives_the_same_paragraphs(string sample)
    {
        var first = TextFileReader.Read(Samples.Bytes(sample), ReportTextLimits.Default);
        var title = first.Title ?? "2023年落实全面从严治党主体责任情况报告";
        var exported = ReportDocx.Export(new ReportText(title, first.Body));
        var again = await ImportAsync(exported);
        Assert.Equal(title, again.Title);
        Assert.Equal(first.Paragraphs, again.Paragraphs);
        var third = await ImportAsync(ReportDocx.Export(new ReportText(again.Title!, again.Body)));
        Assert.Equal(again.Title, third.Title);
        Assert.Equal(again.Paragraphs, third.Paragraphs);
    }

    [Fact]
    public void Export_uses_the_official_layout()
    {
        var bytes = ReportDocx.Export(new ReportText("市局党组2023年落实全面从严治党主体责任情况报告",
            "一、主要工作\n（一）加强学习\n（二）加强监督。全年检查12次。\n正文段落。"));
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var styles = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        var title = styles.Elements<Style>().Single(s => s.StyleId == DocxStyles.ReportTitle);
        Assert.Equal(DocxStyles.TitleFont, title.StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal(JustificationValues.Center, title.StyleParagraphProperties!.Justification!.Val!.Value);
        var normal = styles.Elements<Style>().Single(s => s.StyleId == "Normal");
        Assert.Equal(200, normal.StyleParagraphProperties!.Indentation!.FirstLineChars!.Value);
        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal((DocxStyles.BodyFont, "32"), (defaults.RunFonts!.EastAsia!.Value, defaults.FontSize!.Val!.Value));
        var paragraphs = doc.MainDocumentPart.Document.Body!.Elements<Paragraph>().ToList();
        Assert.Equal([DocxStyles.ReportTitle, DocxStyles.Heading1, DocxStyles.Heading2, null, null],
            paragraphs.Select(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value));
        var runOn = paragraphs[3].Elements<Run>().ToList();
        Assert.Equal(("（二）加强监督。", "楷体_GB2312"), (runOn[0].InnerText, runOn[0].RunProperties!.RunFonts!.EastAsia!.Value));
        Assert.Equal("全年检查12次。", runOn[1].InnerText);
        var footer = doc.MainDocumentPart.FooterParts.Single().Footer!;
        Assert.Contains(footer.Descendants<SimpleField>(), f => f.Instruction!.Value!.Contains("PAGE"));
    }

    [Fact]
    public async Task Word_noise_is_dropped_deleted_revisions_and_empty_paragraphs_included()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            doc.AddMainDocumentPart().Document = new Document(new Body(
                new Paragraph(new Run(new Text("2023年工作报告"))),
                new Paragraph(),
                new Paragraph(new Run(new Text("\u3000\u3000一、主要")), new Run(new Text("工作")),
                    new DeletedRun(new Run(new DeletedText("删掉的"))), new BookmarkStart { Name = "b", Id = "1" }),
                new Paragraph(new Run(new Text("第一行")), new Run(new Break()), new Run(new Text("第二行\u200B")))));
        }
        var imported = await ImportAsync(stream.ToArray());
        Assert.Equal("2023年工作报告", imported.Title);
        Assert.Equal(["一、主要工作", "第一行", "第二行"], imported.Paragraphs);
    }

    [Fact]
    public async Task Only_the_visible_body_text_is_read_from_word_markup()
    {
        var xml = HostileFiles.Document(
            "<w:p><w:pPr><w:pStyle w:val=\"Title\"/><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>" +
            "<w:r><w:t>2023年工作报告</w:t></w:r></w:p>" +
            "<w:p><w:r><w:t>一、</w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r><w:tab/><w:delText>删掉的</w:delText></w:r></w:del>" +
            "<w:moveFrom w:id=\"2\" w:author=\"a\"><w:r><w:t>移走的</w:t></w:r></w:moveFrom><w:r><w:t>主要工作</w:t></w:r>" +
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> REF 附件 </w:instrText></w:r>" +
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>（见附件）</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" +
            "<w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>" +
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>" +
            "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:cr/><w:t>第三行</w:t><w:br w:type=\"page\"/><w:t>接排</w:t></w:r></w:p>" +
            "<w:p><w:r><w:t>十九届</w:t><w:noBreakHyphen/><w:t>二中全会</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>" +
            "<w:r><w:t>精神</w:t></w:r></w:p>" +
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格</w:t><w:tab/><w:t>文字</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
        var doc = await ImportAsync(HostileFiles.Docx(xml));
        Assert.Equal("2023年工作报告", doc.Title);
        Assert.Equal(["一、主要工作（见附件）", "第一行", "第二行", "第三行接排", "十九届-二中全会 精神", "表格 文字"], doc.Paragraphs);
    }

    [Fact]
    public async Task A_strict_open_xml_document_is_read()
    {
        const string strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
        var doc = await ImportAsync(HostileFiles.Docx(
            HostileFiles.Document("<w:p><w:r><w:t>严格格式的正文</w:t></w:r></w:p>", strict),
            "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"));
        Assert.Equal(["严格格式的正文"], doc.Paragraphs);
    }

    [Theory]
    [InlineData("报告.doc", 100, "file-type-unsupported", "另存为")]
    [InlineData("报告.pdf", 100, "file-type-unsupported", ".docx 或 .txt")]
    [InlineData("报告.docx", 0, "file-empty", "空的")]
    [InlineData("报告.docx", 10 * 1024 * 1024 + 1, "file-too-large", "不能超过 10 MB")]
    [InlineData("报告.docx", 100, "file-unreadable", "无法读取")]
    public async Task Bad_files_are_refused_with_a_clear_message(string name, long length, string code, string message)
    {
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            ReportImporter.ReadAsync(new MemoryStream(new byte[100]), name, length, new LimitsOptions()));
        Assert.Equal((RuleViolation.Invalid, code, "file"), (e.Violation, e.Code, e.Field));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task A_zip_that_is_not_a_word_document_is_refused()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, true))
            await using (var entry = zip.CreateEntry("hello.txt").Open()) entry.Write("hi"u8);
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() => ImportAsync(stream.ToArray()));
        Assert.Equal("file-unreadable", e.Code);
    }

    [Fact]
    public void Compilation_has_cover_contents_and_each_report_on_a_new_page()
    {
        var bytes = ReportDocx.Compile("2023年落实全面从严治党主体责任情况报告材料汇编（2篇）", [
            new ReportText("甲局2023年报告", "一、工作\n内容。"),
            new ReportText("乙局2023年报告", "内容。"),
        ]);
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        Assert.Equal("2023年落实全面从严治党主体责任情况报告材料汇编（2篇）",
            body.Elements<Paragraph>().Single(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == DocxStyles.CoverTitle).InnerText);
        Assert.Contains(body.Descendants<FieldCode>(), c => c.Text.Contains("TOC"));
        var titles = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == DocxStyles.ReportTitle).ToList();
        Assert.Equal(["甲局2023年报告", "乙局2023年报告"], titles.Select(t => t.InnerText));
        Assert.All(titles, t => Assert.NotNull(t.ParagraphProperties!.PageBreakBefore));
        Assert.True(doc.MainDocumentPart.DocumentSettingsPart!.Settings!.GetFirstChild<UpdateFieldsOnOpen>()!.Val!.Value);
    }
}
