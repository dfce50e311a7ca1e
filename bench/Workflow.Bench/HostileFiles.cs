using System.IO.Compression;
using System.Text;

namespace Workflow.Bench;

/// <summary>Hostile uploads, written byte by byte as an attacker would, not through an Office library that would refuse to.</summary>
internal static class HostileFiles
{
    private const string SheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string WordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>A2 = A3&amp;"", A3 = A4&amp;"", … <paramref name="depth"/> deep, no cached values: evaluating it recurses depth times.</summary>
    public static byte[] FormulaChainXlsx(int depth) => Xlsx(sheet =>
    {
        sheet.Append(HeaderRow());
        for (var r = 2; r <= depth + 1; r++)
            sheet.Append($"<row r=\"{r}\"><c r=\"A{r}\"><f>A{r + 1}&amp;\"\"</f></c></row>");
    });

    /// <summary>A header, one real row, and one value in the last row Excel has (1,048,576).</summary>
    public static byte[] LastRowXlsx() => Xlsx(sheet =>
    {
        sheet.Append(HeaderRow());
        sheet.Append("<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>学习不够深入</t></is></c></row>");
        sheet.Append("<row r=\"1048576\"><c r=\"B1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
    });

    /// <summary>A header row 16,384 columns wide (every column Excel has).</summary>
    public static byte[] WideHeaderXlsx() => Xlsx(sheet =>
    {
        sheet.Append("<row r=\"1\">");
        for (var c = 1; c <= 16_384; c++)
            sheet.Append($"<c r=\"{Column(c)}1\" t=\"inlineStr\"><is><t>{(c == 2 ? "问题描述" : "列" + c)}</t></is></c>");
        sheet.Append("</row>");
    });

    /// <summary>A .docx whose document.xml inflates to about <paramref name="characters"/> characters of empty paragraphs.</summary>
    public static byte[] EmptyParagraphDocx(int characters)
    {
        var body = new StringBuilder(characters + 1024);
        body.Append($"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{WordNs}\"><w:body>");
        while (body.Length < characters) body.Append("<w:p/>");
        body.Append("</w:body></w:document>");
        return Zip(
        [
            ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                                    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                                    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"),
            ("_rels/.rels", Rels("officeDocument", "word/document.xml")),
            ("word/document.xml", body.ToString()),
        ]);
    }

    /// <summary>A zip of <paramref name="entries"/> empty files named like a .docx.</summary>
    public static byte[] ManyEntriesZip(int entries) =>
        Zip(Enumerable.Range(0, entries).Select(i => ($"word/media/p{i}.xml", "")).ToList());

    private static string HeaderRow()
    {
        string[] headers = ["序号", "问题描述", "整改措施", "责任领导", "责任部门", "责任人", "完成时限"];
        return "<row r=\"1\">" + string.Concat(headers.Select((h, i) => $"<c r=\"{Column(i + 1)}1\" t=\"inlineStr\"><is><t>{h}</t></is></c>")) + "</row>";
    }

    private static byte[] Xlsx(Action<StringBuilder> rows)
    {
        var sheet = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"{SheetNs}\"><sheetData>");
        rows(sheet);
        sheet.Append("</sheetData></worksheet>");
        return Zip(
        [
            ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                                    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                                    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                                    "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"),
            ("_rels/.rels", Rels("officeDocument", "xl/workbook.xml")),
            ("xl/workbook.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{SheetNs}\" " +
                                "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" +
                                "<sheet name=\"整改台账\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", Rels("worksheet", "worksheets/sheet1.xml")),
            ("xl/worksheets/sheet1.xml", sheet.ToString()),
        ]);
    }

    private static string Rels(string type, string target) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        $"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{type}\" Target=\"{target}\"/></Relationships>";

    private static byte[] Zip(IReadOnlyList<(string Name, string Text)> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        return output.ToArray();
    }

    private static string Column(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26) name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }
}
