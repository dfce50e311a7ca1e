using System.IO.Compression;
using System.Text;
using Workflow.Activities.Reports;
using Workflow.Host.Documents;
using Workflow.Tests.Shared;

namespace Workflow.Host.Tests.Documents;

/// <summary>
/// Files made to take the importer down: each is refused with a code the user can act on (never an unhandled exception),
/// or read within the limits. Time and memory are measured by hand through the real app (see the README), not here.
/// </summary>
public class HostileFileTests
{
    private static readonly LimitsOptions Limits = new();

    private static Task<ImportedDocument> ImportAsync(byte[] bytes, string name = "报告.docx", LimitsOptions? limits = null) =>
        ReportImporter.ReadAsync(new MemoryStream(bytes, writable: false), name, bytes.Length, limits ?? Limits);

    private static async Task<WorkflowRuleException> RefusedAsync(byte[] bytes, string code, string name = "报告.docx", LimitsOptions? limits = null)
    {
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() => ImportAsync(bytes, name, limits));
        Assert.Equal((RuleViolation.Invalid, code, "file"), (e.Violation, e.Code, e.Field));
        Assert.True(e.Message.Any(c => c is >= '\u4e00' and <= '\u9fff'), e.Message);
        return e;
    }

    private static string Paragraph(string text) => $"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>";

    [Fact]
    public async Task The_empty_paragraph_bomb_of_issue_12_is_refused_by_its_declared_size()
    {
        var bomb = HostileFiles.EmptyParagraphBomb();
        Assert.InRange(bomb.Length, 1, 200_000);
        await RefusedAsync(bomb, "file-package-too-large");
    }

    [Fact]
    public async Task Empty_paragraphs_that_pass_the_package_check_stop_at_the_body_limit()
    {
        var e = await RefusedAsync(HostileFiles.EmptyParagraphsUnderThePartLimit(), "body-too-long");
        Assert.Equal(Limits.ReportText.BodyTooLong("file").Message, e.Message);
    }

    [Fact]
    public async Task A_zip_lying_about_the_size_of_its_document_is_read_no_further_than_it_declares()
    {
        await RefusedAsync(HostileFiles.LyingSizeBomb(), "file-unreadable");
    }

    [Fact]
    public async Task A_zip_of_100000_entries_is_refused_by_its_directory()
    {
        var zip = HostileFiles.ManyEntries(100_000);
        Assert.InRange(zip.Length, 1, Limits.MaxReportFileBytes);
        await RefusedAsync(zip, "file-package-too-large");
    }

    [Fact]
    public async Task A_truncated_archive_is_unreadable()
    {
        var docx = HostileFiles.Docx(HostileFiles.Document(Paragraph("正文")));
        await RefusedAsync(docx[..(docx.Length / 2)], "file-unreadable");
    }

    [Fact]
    public async Task An_archive_whose_compressed_text_is_damaged_is_unreadable()
    {
        var docx = HostileFiles.Repeated(Paragraph("党组全年召开专题会议研究部署全面从严治党工作。"), 2_000);
        // The directory and headers stay intact; the deflate stream of document.xml, in the middle of the file, does not.
        for (var i = docx.Length / 3; i < docx.Length / 3 + 64; i++) docx[i] ^= 0x5A;
        await RefusedAsync(docx, "file-unreadable");
    }

    [Fact]
    public async Task A_pdf_named_docx_is_unreadable()
    {
        await RefusedAsync(HostileFiles.Pdf(), "file-unreadable");
    }

    [Fact]
    public async Task An_old_doc_renamed_docx_is_unreadable_and_told_to_save_as_docx()
    {
        var e = await RefusedAsync(HostileFiles.OldWordDocument(), "file-unreadable");
        Assert.Contains("另存为", e.Message);
    }

    [Fact]
    public async Task A_zip_of_another_office_type_is_unreadable()
    {
        var workbook = HostileFiles.Docx("<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>");
        await RefusedAsync(workbook, "file-unreadable");
    }

    [Fact]
    public async Task A_hundred_thousand_nested_elements_are_refused_without_recursion()
    {
        await RefusedAsync(HostileFiles.DeeplyNested(100_000), "file-unreadable");
    }

    [Fact]
    public async Task Nesting_as_deep_as_real_documents_go_and_far_deeper_is_read()
    {
        var doc = await ImportAsync(HostileFiles.DeeplyNested(600));
        Assert.Equal(["嵌套的文字"], doc.Paragraphs);
    }

    [Fact]
    public async Task A_dtd_with_entity_expansion_is_refused()
    {
        await RefusedAsync(HostileFiles.EntityExpansion(), "file-unreadable");
    }

    [Fact]
    public async Task Text_over_the_limit_in_one_paragraph_is_refused_and_at_the_limit_is_read()
    {
        var limits = new LimitsOptions { MaxReportCharacters = 1_000 };
        // The paragraph itself counts one (its line break): 999 characters and one paragraph are exactly the limit.
        var atLimit = await ImportAsync(HostileFiles.Docx(HostileFiles.Document(Paragraph(new string('字', 999)))), limits: limits);
        Assert.Equal(999, atLimit.Body.Length);
        var e = await RefusedAsync(HostileFiles.Docx(HostileFiles.Document(Paragraph(new string('字', 1_000)))), "body-too-long", limits: limits);
        Assert.Contains("1,000", e.Message);
    }

    [Fact]
    public async Task One_run_of_thirty_million_characters_stops_at_the_limit()
    {
        await RefusedAsync(HostileFiles.Repeated("字", 30_000_000 / 3, "<w:p><w:r><w:t>", "</w:t></w:r></w:p>"), "body-too-long");
    }

    [Fact]
    public async Task Line_breaks_and_tabs_count_as_characters()
    {
        var limits = new LimitsOptions { MaxReportCharacters = 1_000 };
        await RefusedAsync(HostileFiles.Repeated("<w:r><w:br/></w:r>", 1_001, "<w:p>", "</w:p>"), "body-too-long", limits: limits);
        await RefusedAsync(HostileFiles.Repeated("<w:r><w:tab/></w:r>", 1_001, "<w:p>", "</w:p>"), "body-too-long", limits: limits);
    }

    [Fact]
    public async Task A_tag_with_a_million_attributes_is_refused()
    {
        // Distinct names: a duplicate would be refused by XmlReader itself, after it had held them all.
        var docx = HostileFiles.Docx(s =>
        {
            var document = HostileFiles.Document("<w:p\0/>");
            s.Write(Encoding.UTF8.GetBytes(document[..document.IndexOf('\0')]));
            for (var batch = 0; batch < 100; batch++)
                s.Write(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(batch * 10_000, 10_000).Select(i => $" a{i}=\"\""))));
            s.Write(Encoding.UTF8.GetBytes(document[(document.IndexOf('\0') + 1)..]));
        });
        await RefusedAsync(docx, "file-unreadable");
    }

    [Fact]
    public async Task A_tag_of_thirty_megabytes_is_refused()
    {
        await RefusedAsync(HostileFiles.Repeated("a", 30_000_000, "<w:p w:rsidR=\"", "\"/>"), "file-unreadable");
    }

    [Fact]
    public async Task A_document_part_in_utf16_is_unreadable()
    {
        var xml = HostileFiles.Document(Paragraph("正文")).Replace("UTF-8", "UTF-16");
        await RefusedAsync(HostileFiles.Docx(s => s.Write([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(xml)])), "file-unreadable");
    }

    [Fact]
    public async Task A_docx_from_a_stream_that_cannot_seek_is_read_the_same()
    {
        var bytes = HostileFiles.Docx(HostileFiles.Document(Paragraph("一、主要工作") + Paragraph("正文。")));
        var doc = await ReportImporter.ReadAsync(new ForwardOnlyStream(bytes), "报告.docx", bytes.Length, Limits);
        Assert.Equal(["一、主要工作", "正文。"], doc.Paragraphs);
    }

    // ---- .txt ----

    [Fact]
    public async Task Ten_megabytes_of_one_character_are_refused_before_they_are_decoded()
    {
        var text = Encoding.UTF8.GetBytes(new string('字', 10 * 1024 * 1024 / 3));
        Assert.InRange(text.Length, 1, Limits.MaxReportFileBytes);
        await RefusedAsync(text, "body-too-long", "报告.txt");
    }

    [Fact]
    public async Task A_text_file_at_the_limit_is_read_and_one_character_more_is_refused()
    {
        var limits = new LimitsOptions { MaxReportCharacters = 1_000 };
        var atLimit = await ImportAsync(Encoding.UTF8.GetBytes(new string('字', 1_000)), "报告.txt", limits);
        Assert.Equal(1_000, atLimit.Body.Length);
        await RefusedAsync(Encoding.UTF8.GetBytes(new string('字', 1_001)), "body-too-long", "报告.txt", limits);
    }

    [Fact]
    public async Task A_text_file_of_bytes_valid_in_no_encoding_is_refused()
    {
        await RefusedAsync([.. "一、情况"u8, 0xFF, 0xFF, 0xFE, 0x81], "file-encoding-unknown", "报告.txt");
    }

    /// <summary>A stream as a network body is: read once, front to back.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
