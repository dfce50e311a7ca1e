using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Workflow.Tests.Shared;

/// <summary>
/// Hand-written .xlsx files that Excel never saves and ClosedXML cannot make (formula chains without cached values, values in
/// the last row, zip bombs, lying zip directories, DTDs): the hostile uploads of the ledger import, for tests and the bench.
/// </summary>
public static class HostileXlsx
{
    public const string SheetPath = "xl/worksheets/sheet1.xml";
    public const string SharedStringsPath = "xl/sharedStrings.xml";

    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>A header cell with 问题描述 as an inline string, for row 1 of most hostile sheets.</summary>
    public static string HeaderRow(string extraCells = "") =>
        $"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>问题描述</t></is></c>{extraCells}</row>";

    /// <summary>An inline-string cell.</summary>
    public static string Text(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>";

    /// <summary>A worksheet with the given rows (and a &lt;dimension&gt; when given), written as it is read: streamed.</summary>
    public static Action<TextWriter> Sheet(string rows, string? dimension = null) => w =>
    {
        w.Write($"{Declaration}<worksheet xmlns=\"{Main}\" xmlns:r=\"{RelationshipsNs}\">");
        if (dimension is not null) w.Write($"<dimension ref=\"{dimension}\"/>");
        w.Write($"<sheetData>{rows}</sheetData></worksheet>");
    };

    /// <summary>A worksheet whose rows are written one by one by <paramref name="rows"/>.</summary>
    public static Action<TextWriter> Sheet(Action<TextWriter> rows) => w =>
    {
        w.Write($"{Declaration}<worksheet xmlns=\"{Main}\"><sheetData>");
        rows(w);
        w.Write("</sheetData></worksheet>");
    };

    /// <summary>A shared string table with the given items, or with items written by <paramref name="items"/>.</summary>
    public static Action<TextWriter> SharedStrings(Action<TextWriter> items) => w =>
    {
        w.Write($"{Declaration}<sst xmlns=\"{Main}\">");
        items(w);
        w.Write("</sst>");
    };

    /// <summary>
    /// A workbook of one sheet. <paramref name="parts"/> replaces or adds entries by name (e.g. a [Content_Types].xml with a DTD);
    /// <paramref name="sheetPath"/> moves the sheet (its content type is declared for any name).
    /// </summary>
    public static byte[] Workbook(Action<TextWriter> sheet, Action<TextWriter>? sharedStrings = null, string sheetPath = SheetPath,
        IReadOnlyDictionary<string, string>? parts = null, CompressionLevel compression = CompressionLevel.Fastest)
    {
        var entries = new Dictionary<string, Action<TextWriter>>
        {
            ["[Content_Types].xml"] = w => w.Write(
                $"{Declaration}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                $"<Override PartName=\"/{sheetPath}\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                (sharedStrings is null ? "" : $"<Override PartName=\"/{SharedStringsPath}\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>") +
                "</Types>"),
            ["_rels/.rels"] = w => w.Write(
                $"{Declaration}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{RelationshipsNs}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ["xl/workbook.xml"] = w => w.Write(
                $"{Declaration}<workbook xmlns=\"{Main}\" xmlns:r=\"{RelationshipsNs}\"><sheets><sheet name=\"台账\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ["xl/_rels/workbook.xml.rels"] = w => w.Write(
                $"{Declaration}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{RelationshipsNs}/worksheet\" Target=\"/{sheetPath}\"/>" +
                (sharedStrings is null ? "" : $"<Relationship Id=\"rId2\" Type=\"{RelationshipsNs}/sharedStrings\" Target=\"sharedStrings.xml\"/>") +
                "</Relationships>"),
            [sheetPath] = sheet,
        };
        if (sharedStrings is not null) entries[SharedStringsPath] = sharedStrings;
        foreach (var (name, text) in parts ?? new Dictionary<string, string>()) entries[name] = w => w.Write(text);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, write) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, compression).Open(), Utf8, 1 << 16);
                write(writer);
            }
        return output.ToArray();
    }

    /// <summary>The text of entry <paramref name="name"/> of a package, to be altered and passed back to <see cref="Workbook"/>.</summary>
    public static string Part(byte[] xlsx, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Row 1 the header, then A2 = A3&amp;"", A3 = A4&amp;"", … <paramref name="depth"/> formulas deep, without cached values:
    /// the file that overflowed the stack of the whole process when ClosedXML evaluated A2.
    /// </summary>
    public static byte[] FormulaChain(int depth) => Workbook(Sheet(w =>
    {
        w.Write(HeaderRow());
        for (var r = 2; r <= depth + 1; r++) w.Write($"<row r=\"{r}\"><c r=\"A{r}\" t=\"str\"><f>A{r + 1}&amp;\"\"</f></c></row>");
    }));

    /// <summary>
    /// A sheet of about <paramref name="bytes"/> bytes, the header row then comments (1 KB each, so no reader has to hold one
    /// large node), deflated about five hundred to one.
    /// </summary>
    public static byte[] ZipBomb(long bytes, string sheetPath = SheetPath) => Workbook(Sheet(w =>
    {
        w.Write(HeaderRow());
        var filler = "<!--" + new string('x', 1017) + "-->";
        for (long written = 0; written < bytes; written += filler.Length) w.Write(filler);
    }), sheetPath: sheetPath, compression: CompressionLevel.SmallestSize);

    /// <summary>
    /// The same package with the uncompressed size of entry <paramref name="name"/> rewritten to <paramref name="declared"/>
    /// in its local header and in the central directory: a zip directory that lies.
    /// </summary>
    public static byte[] WithDeclaredSize(byte[] zip, string name, uint declared)
    {
        var copy = zip.ToArray();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var patched = 0;
        for (var i = 0; i + 46 + nameBytes.Length <= copy.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(i));
            if (signature == 0x04034b50 && copy.AsSpan(i + 30, nameBytes.Length).SequenceEqual(nameBytes)
                                        && BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(i + 26)) == nameBytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 22), declared);
                patched++;
            }
            else if (signature == 0x02014b50 && copy.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes)
                                             && BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(i + 28)) == nameBytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 24), declared);
                patched++;
            }
        }
        return patched == 2 ? copy : throw new InvalidOperationException($"Entry {name} not found once in each header.");
    }

    /// <summary>A zip of <paramref name="count"/> empty entries with short names (a workbook's parts among them).</summary>
    public static byte[] ManyEntries(int count)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var source = new ZipArchive(new MemoryStream(Workbook(Sheet(HeaderRow())))))
                foreach (var entry in source.Entries)
                {
                    using var from = entry.Open();
                    using var to = zip.CreateEntry(entry.FullName).Open();
                    from.CopyTo(to);
                }
            for (var i = 0; i < count; i++) zip.CreateEntry(i.ToString("x"), CompressionLevel.NoCompression);
        }
        return output.ToArray();
    }

    /// <summary>
    /// The "billion laughs" DTD: ten entities each ten times the one before, a billion "lol"s once expanded. Put after the XML
    /// declaration of a part; <c>&amp;lol9;</c> uses it.
    /// </summary>
    public const string BillionLaughs =
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\">" +
        "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">" +
        "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">" +
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">" +
        "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">" +
        "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">" +
        "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">" +
        "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">" +
        "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">" +
        "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>";

    /// <summary>Inserts <see cref="BillionLaughs"/> after the XML declaration of <paramref name="xml"/>.</summary>
    public static string WithBillionLaughs(string xml) => xml.Insert(xml.IndexOf("?>", StringComparison.Ordinal) + 2, BillionLaughs);
}
