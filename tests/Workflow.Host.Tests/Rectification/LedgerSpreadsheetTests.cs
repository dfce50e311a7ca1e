using System.Text;
using Workflow.Activities.Reports;
using Workflow.Host.Rectification;
using Workflow.Tests.Shared;
using static Workflow.Tests.Shared.HostileXlsx;

namespace Workflow.Host.Tests.Rectification;

/// <summary>
/// The ledger sheet reader against files built to hurt it: formulas, values at the edge of the sheet, zip bombs, lying zip
/// directories, huge shared string tables, deep nesting and DTDs. Each file is refused with its code, or read as it should be.
/// </summary>
public sealed class LedgerSpreadsheetTests
{
    private static readonly SpreadsheetLimits Limits = SpreadsheetLimits.From(new LimitsOptions());

    private static SheetContent Read(byte[] xlsx) => LedgerSpreadsheet.Read(new MemoryStream(xlsx), Limits);

    private static WorkflowRuleException Refused(byte[] xlsx)
    {
        var e = Assert.Throws<WorkflowRuleException>(() => Read(xlsx));
        Assert.Equal((RuleViolation.Invalid, "file"), (e.Violation, e.Field));
        return e;
    }

    private static byte[] Rows(string rows, string? dimension = null) => Workbook(Sheet(HeaderRow() + rows, dimension));

    [Fact]
    public void A_formula_chain_100000_deep_is_not_evaluated_each_formula_row_within_the_limit_is_an_error()
    {
        var sheet = Read(FormulaChain(100_000));
        Assert.Empty(sheet.Rows);
        Assert.Equal(Enumerable.Range(2, Limits.MaxRows - 1), sheet.Errors.Select(e => e.Row));
        Assert.Equal("第2行：不支持公式，请粘贴为数值。", sheet.Errors[0].Message);
    }

    [Fact]
    public void A_formula_with_a_cached_value_is_refused_in_a_data_row_and_in_the_header_and_other_rows_still_count()
    {
        var sheet = Read(Workbook(Sheet(
            "<row r=\"1\">" + Text("A1", "问题描述") + "<c r=\"B1\" t=\"str\"><f>\"完成\"&amp;\"时限\"</f><v>完成时限</v></c></row>" +
            "<row r=\"2\">" + Text("A2", "公式行") + "<c r=\"B2\"><f>DATE(2027,1,31)</f><v>46418</v></c></row>" +
            "<row r=\"3\">" + Text("A3", "正常行") + "<c r=\"B3\"><v>46418</v></c></row>")));
        Assert.Equal([(1, "第1行：不支持公式，请粘贴为数值。"), (2, "第2行：不支持公式，请粘贴为数值。")],
            sheet.Errors.Select(e => (e.Row, e.Message)));
        Assert.Equal(("正常行", new DateOnly(2027, 1, 31)), (sheet.Rows.Single().Problem, sheet.Rows.Single().Deadline));
    }

    [Fact]
    public void A_value_in_the_last_row_of_the_sheet_is_refused_without_walking_the_rows_before_it()
    {
        var e = Refused(Rows("<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>"));
        Assert.Equal(("file-too-large-sheet", "表格超过5000行（或30列），请分批导入。"), (e.Code, e.Message));
    }

    [Fact]
    public void A_header_of_16384_columns_is_refused()
    {
        var header = new StringBuilder("<row r=\"1\">");
        for (var c = 1; c <= 16_384; c++) header.Append($"<c t=\"inlineStr\"><is><t>列{c}</t></is></c>");
        var e = Refused(Workbook(Sheet(header.Append("</row>").ToString())));
        Assert.Equal("file-too-large-sheet", e.Code);
    }

    [Theory]
    [InlineData(5000, "AD5000", null)]
    [InlineData(5001, "A5001", "file-too-large-sheet")]
    [InlineData(2, "AE2", "file-too-large-sheet")]
    public void The_limits_count_rows_and_columns_that_hold_a_value(int row, string reference, string? refusal)
    {
        var xlsx = Rows("<row r=\"2\">" + Text("A2", "边界内的问题") + "</row>" + $"<row r=\"{row}\">{Text(reference, "边缘")}</row>");
        if (refusal is null) Assert.Contains(Read(xlsx).Rows, r => r.Problem == "边界内的问题");
        else Assert.Equal(refusal, Refused(xlsx).Code);
    }

    // Excel counts formatted empty cells in the dimension and LibreOffice writes whole-sheet extents, so the cells decide.
    [Theory]
    [InlineData("A1:XFD1048576")]
    [InlineData("A1:AMJ1048576")]
    [InlineData("A1:G10000")]
    public void A_huge_dimension_over_three_rows_imports_the_rows_and_formatted_empty_cells_far_out_are_ignored(string dimension)
    {
        var sheet = Read(Rows(
            "<row r=\"2\">" + Text("A2", "第一项") + "<c r=\"XFD2\" s=\"1\"/></row>" +
            "<row r=\"3\">" + Text("A3", "第二项") + "</row>" +
            "<row r=\"1048576\"><c r=\"A1048576\" s=\"1\"/><c r=\"XFD1048576\" s=\"1\"><v></v></c></row>", dimension));
        Assert.Empty(sheet.Errors);
        Assert.Equal(["第一项", "第二项"], sheet.Rows.Select(r => r.Problem));
    }

    [Fact]
    public void Rows_and_cells_out_of_order_or_without_references_are_placed_by_position()
    {
        var sheet = Read(Workbook(Sheet(
            "<row r=\"4\">" + Text("B4", "2027-03-31") + Text("A4", "第四行") + "</row>" +
            "<row r=\"1\"><c t=\"inlineStr\"><is><t>问题描述</t></is></c><c t=\"inlineStr\"><is><t>完成时限</t></is></c></row>" +
            "<row><c t=\"inlineStr\"><is><t>第二行</t></is></c><c><v>46387</v></c></row>")));
        Assert.Empty(sheet.Errors);
        Assert.Equal([(2, "第二行", new DateOnly(2026, 12, 31)), (4, "第四行", new DateOnly(2027, 3, 31))],
            sheet.Rows.Select(r => (r.Row, r.Problem, r.Deadline!.Value)));
    }

    [Fact]
    public void Deadlines_are_serials_or_text_in_the_known_formats_and_booleans_and_errors_are_bad_dates()
    {
        var sheet = Read(Workbook(Sheet(
            "<row r=\"1\">" + Text("A1", "问题描述") + Text("B1", "完成时限") + "</row>" +
            "<row r=\"2\">" + Text("A2", "序列号") + "<c r=\"B2\"><v>46568</v></c></row>" +
            "<row r=\"3\">" + Text("A3", "数字写的日期") + "<c r=\"B3\"><v>20270630</v></c></row>" +
            "<row r=\"4\">" + Text("A4", "中文日期") + Text("B4", "2027年6月30日") + "</row>" +
            "<row r=\"5\">" + Text("A5", "ISO 日期") + "<c r=\"B5\" t=\"d\"><v>2027-06-30T00:00:00</v></c></row>" +
            "<row r=\"6\">" + Text("A6", "布尔值") + "<c r=\"B6\" t=\"b\"><v>1</v></c></row>" +
            "<row r=\"7\">" + Text("A7", "错误值") + "<c r=\"B7\" t=\"e\"><v>#N/A</v></c></row>" +
            "<row r=\"8\">" + Text("A8", "太小的序列号") + "<c r=\"B8\"><v>12</v></c></row>")));
        Assert.All(sheet.Rows, r => Assert.Equal(new DateOnly(2027, 6, 30), r.Deadline));
        Assert.Equal(4, sheet.Rows.Count);
        Assert.Equal(["第6行：完成时限“TRUE”不是有效日期，请写成 2026-06-30 的形式。", "第7行：完成时限“#N/A”不是有效日期，请写成 2026-06-30 的形式。",
            "第8行：完成时限“12”不是有效日期，请写成 2026-06-30 的形式。"], sheet.Errors.Select(e => e.Message));
    }

    [Fact]
    public void A_long_bad_date_is_quoted_short_in_its_message()
    {
        var sheet = Read(Workbook(Sheet("<row r=\"1\">" + Text("A1", "问题描述") + Text("B1", "完成时限") + "</row>" +
                                        "<row r=\"2\">" + Text("A2", "问题") + Text("B2", new string('长', 30_000)) + "</row>")));
        Assert.InRange(sheet.Errors.Single().Message.Length, 1, 99);
    }

    [Fact]
    public void Shared_strings_with_rich_text_runs_are_read_without_their_phonetic_reading()
    {
        var sheet = Read(Workbook(Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>"),
            SharedStrings(w => w.Write("<si><t>问题描述</t></si><si><r><rPr><b/></rPr><t>巡察</t></r><r><t xml:space=\"preserve\">问题 </t></r>" +
                                       "<rPh sb=\"0\" eb=\"2\"><t>じゅんさつ</t></rPh></si>"))));
        Assert.Equal("巡察问题", sheet.Rows.Single().Problem);
    }

    private static Action<TextWriter> MillionSharedStrings => SharedStrings(w =>
    {
        w.Write("<si><t>问题描述</t></si><si><t>巡察问题</t></si>");
        for (var i = 2; i < 1_000_000; i++) w.Write("<si><t>x</t></si>");
    });

    [Fact]
    public void A_table_of_a_million_shared_strings_is_read_only_as_far_as_the_sheet_uses_it()
    {
        var sheet = Read(Workbook(Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>"),
            MillionSharedStrings));
        Assert.Equal("巡察问题", sheet.Rows.Single().Problem);
    }

    [Fact]
    public void A_shared_string_index_past_what_a_sheet_within_the_limits_can_use_is_refused()
    {
        var e = Refused(Workbook(Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>999999</v></c></row>"),
            MillionSharedStrings));
        Assert.Equal("file-package-too-large", e.Code);
        Assert.Contains("共享字符串超过150,000条", e.Message);
    }

    [Fact]
    public void A_shared_string_table_of_50_MB_is_refused_by_its_declared_size()
    {
        var e = Refused(Workbook(Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
            SharedStrings(w => w.Write("<si><t>" + new string('x', 50 * 1024 * 1024) + "</t></si>"))));
        Assert.Equal("file-package-too-large", e.Code);
        Assert.Contains("xl/sharedStrings.xml", e.Message);
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_the_sizes_its_directory_declares()
    {
        var real = Refused(ZipBomb(40L * 1024 * 1024));
        Assert.Equal("file-package-too-large", real.Code);
        Assert.Contains(SheetPath, real.Message);
        var declared = Refused(WithDeclaredSize(Rows(""), SheetPath, 500u * 1024 * 1024));
        Assert.Equal("file-package-too-large", declared.Code);
        Assert.Contains("500 MB", declared.Message);
    }

    // System.IO.Compression stops inflating an entry at its declared size, so a directory that lies small cuts the XML short.
    [Fact]
    public void A_zip_bomb_whose_directory_lies_small_is_read_only_up_to_the_declared_size()
    {
        var e = Refused(WithDeclaredSize(ZipBomb(100L * 1024 * 1024), SheetPath, 1024 * 1024));
        Assert.Equal("import-not-xlsx", e.Code);
    }

    // The zip check bounds parts named .xml; a sheet under another name is bounded while it is read.
    [Fact]
    public void A_sheet_part_not_named_xml_is_cut_off_at_the_part_limit_while_it_is_read()
    {
        var e = Refused(ZipBomb(40L * 1024 * 1024, "xl/worksheets/sheet1.bin"));
        Assert.Equal("file-package-too-large", e.Code);
        Assert.Contains("xl/worksheets/sheet1.bin 解压后超过 32 MB", e.Message);
    }

    [Fact]
    public void A_package_of_100000_entries_is_refused_before_its_directory_is_loaded()
    {
        var xlsx = ManyEntries(100_000);
        Assert.True(xlsx.Length < Limits.MaxFileBytes, $"{xlsx.Length} bytes: the size check would answer first");
        var e = Refused(xlsx);
        Assert.Equal("file-package-too-large", e.Code);
        Assert.Contains("100,005个部件", e.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_unread_even_from_a_stream_that_cannot_seek()
    {
        var big = new byte[Limits.MaxFileBytes + 1];
        Assert.Equal("file-too-large", Refused(big).Code);
        var e = Assert.Throws<WorkflowRuleException>(() => LedgerSpreadsheet.Read(new UnseekableStream(big), Limits));
        Assert.Equal("file-too-large", e.Code);
        Assert.Contains("不能超过 10 MB", e.Message);
    }

    [Fact]
    public void A_workbook_from_a_stream_that_cannot_seek_is_read()
    {
        var sheet = LedgerSpreadsheet.Read(new UnseekableStream(Rows("<row r=\"2\">" + Text("A2", "不可定位的流") + "</row>")), Limits);
        Assert.Equal("不可定位的流", sheet.Rows.Single().Problem);
    }

    public static TheoryData<string, byte[]> NotWorkbooks => new()
    {
        { "truncated to half", Rows("<row r=\"2\">" + Text("A2", "x") + "</row>")[..600] },
        { "last bytes cut", Rows("<row r=\"2\">" + Text("A2", "x") + "</row>")[..^10] },
        { "a PDF renamed", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF") },
        { "empty", [] },
        { "a zip without a workbook", WithoutWorkbook() },
    };

    private static byte[] WithoutWorkbook()
    {
        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, true))
            using (var w = new StreamWriter(zip.CreateEntry("readme.txt").Open())) w.Write("not a workbook");
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(NotWorkbooks))]
    public void A_file_that_is_not_a_readable_xlsx_is_refused(string what, byte[] bytes)
    {
        var e = Refused(bytes);
        Assert.True(e.Code == "import-not-xlsx", what);
        Assert.StartsWith("文件不是有效的 Excel（.xlsx）文件", e.Message);
    }

    [Fact]
    public void An_old_xls_renamed_is_refused_with_how_to_convert_it()
    {
        var xls = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(xls, 0);
        var e = Refused(xls);
        Assert.Equal(("import-not-xlsx", "这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后再导入。"), (e.Code, e.Message));
    }

    private static string Nested(int depth, string inner = "") =>
        string.Concat(Enumerable.Repeat("<x>", depth)) + inner + string.Concat(Enumerable.Repeat("</x>", depth));

    private static byte[] NestedEverywhere(int depth) => Workbook(Sheet(
            "<row r=\"1\">" + Text("A1", "问题描述") + Text("B1", "完成时限") + Text("C1", "整改措施") + "</row>" +
            $"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>嵌套{Nested(depth, "不算")}文字</t></is></c>" +
            $"<c r=\"B2\"><v>46568{Nested(depth)}</v></c><c r=\"C2\" t=\"s\">{Nested(depth)}<v>0</v></c></row>" +
            $"<row r=\"3\">{Nested(depth, "<c r=\"A3\"><v>1</v></c>")}" + Text("A3", "第三行") + "</row>"),
        SharedStrings(w => w.Write($"<si><t>措施</t>{Nested(depth, "<t>不算</t>")}</si>")));

    // Unknown elements inside a value, a text, a cell or a shared string are walked past, not read.
    [Fact]
    public void Elements_nested_in_a_value_a_text_a_cell_and_a_shared_string_are_walked_past()
    {
        var sheet = Read(NestedEverywhere(500));
        Assert.Equal([("嵌套文字", "措施", new DateOnly(2027, 6, 30)), ("第三行", null, default)],
            sheet.Rows.Select(r => (r.Problem, r.Measures, r.Deadline ?? default)));
    }

    // OpenXmlReader loaded such nesting recursively (30,000 levels overflowed a request thread's 8 MB stack), and XmlReader keeps a
    // node per open element: past the shape guard's 1,000 levels the file is refused before either cost is paid.
    [Fact]
    public void Elements_nested_100000_deep_are_refused_as_not_a_workbook()
    {
        Assert.Equal("import-not-xlsx", Refused(NestedEverywhere(100_000)).Code);
    }

    private static readonly Action<TextWriter> SharedStringSheet = Sheet(HeaderRow() + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>");
    private static readonly Action<TextWriter> OneSharedString = SharedStrings(w => w.Write("<si><t>巡察问题</t></si>"));

    private static string Written(Action<TextWriter> write)
    {
        using var w = new StringWriter();
        write(w);
        return w.ToString();
    }

    [Theory]
    [InlineData(SheetPath)]
    [InlineData(SharedStringsPath)]
    [InlineData("xl/workbook.xml")]
    [InlineData("xl/_rels/workbook.xml.rels")]
    [InlineData("_rels/.rels")]
    [InlineData("[Content_Types].xml")]
    public void A_dtd_with_billion_laughs_in_any_part_is_refused_never_expanded(string part)
    {
        Assert.Equal("巡察问题", Read(Workbook(SharedStringSheet, OneSharedString)).Rows.Single().Problem);
        var xml = part switch
        {
            SheetPath => Written(SharedStringSheet).Replace("</sheetData>", "<row r=\"3\">" + Text("A3", "x").Replace(">x<", ">&lol9;<") + "</row></sheetData>"),
            SharedStringsPath => Written(OneSharedString).Replace("巡察问题", "&lol9;"),
            _ => Part(Workbook(SharedStringSheet, OneSharedString), part),
        };
        var e = Refused(Workbook(SharedStringSheet, OneSharedString, parts: new Dictionary<string, string> { [part] = WithBillionLaughs(xml) }));
        Assert.Equal("import-not-xlsx", e.Code);
    }

    // Refusing only what expands too far would still let a small entity through; no entity is expanded at all.
    [Fact]
    public void A_small_entity_is_not_expanded_into_a_cell_either()
    {
        var xml = Written(SharedStringSheet).Replace("?>", "?><!DOCTYPE worksheet [<!ENTITY p \"实体里的问题\">]>")
            .Replace("</sheetData>", "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>&p;</t></is></c></row></sheetData>");
        Assert.Equal("import-not-xlsx", Refused(Workbook(SharedStringSheet, OneSharedString, parts: new Dictionary<string, string> { [SheetPath] = xml })).Code);
    }

    [Fact]
    public void A_sheet_without_values_is_empty_and_one_without_the_header_in_its_first_ten_rows_has_no_header()
    {
        Assert.Equal("import-empty", Refused(Workbook(Sheet("<row r=\"1\"><c r=\"A1\" s=\"2\"/></row>"))).Code);
        Assert.Equal("import-no-header", Refused(Workbook(Sheet("<row r=\"11\">" + Text("A11", "问题描述") + "</row>"))).Code);
        Assert.Equal(10, Read(Workbook(Sheet("<row r=\"1\">" + Text("A1", "某单位整改台账") + "</row><row r=\"10\">" + Text("A10", "问题描述") +
                                             "</row><row r=\"11\">" + Text("A11", "标题下的问题") + "</row>"))).HeaderRow);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
