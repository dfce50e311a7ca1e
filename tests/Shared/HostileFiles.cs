using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Workflow.Tests.Shared;

/// <summary>
/// Uploads written by hand to take a reader down: zip bombs, broken archives, XML built to exhaust a parser. Each .docx has
/// only what Word needs to find the text: content types, the package relationship and word/document.xml.
/// </summary>
public static class HostileFiles
{
    public const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string DocumentPart = "word/document.xml";

    /// <summary>A .docx whose document.xml is written by <paramref name="writeDocument"/>, so a large part never sits in memory.</summary>
    public static byte[] Docx(Action<Stream> writeDocument, string relationshipType = OfficeDocument)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            Put(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" " +
                "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Put(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{relationshipType}\" Target=\"{DocumentPart}\"/></Relationships>");
            using var document = zip.CreateEntry(DocumentPart, CompressionLevel.SmallestSize).Open();
            writeDocument(document);
        }
        return file.ToArray();
    }

    private static void Put(ZipArchive zip, string name, string text)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>A .docx whose document.xml is <paramref name="documentXml"/> as given.</summary>
    public static byte[] Docx(string documentXml, string relationshipType = OfficeDocument) =>
        Docx(s => s.Write(Encoding.UTF8.GetBytes(documentXml)), relationshipType);

    /// <summary>A document.xml in the transitional namespace (or <paramref name="ns"/>) with <paramref name="bodyXml"/> as its body.</summary>
    public static string Document(string bodyXml, string ns = W) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{ns}\"><w:body>{bodyXml}</w:body></w:document>";

    /// <summary>A .docx whose body repeats <paramref name="piece"/> <paramref name="times"/> times between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static byte[] Repeated(string piece, long times, string before = "", string after = "") => Docx(s =>
    {
        var document = Document(before + "\0" + after);
        s.Write(Encoding.UTF8.GetBytes(document[..document.IndexOf('\0')]));
        var batch = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(piece, 10_000)));
        for (var i = 0L; i < times / 10_000; i++) s.Write(batch);
        s.Write(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(piece, (int)(times % 10_000)))));
        s.Write(Encoding.UTF8.GetBytes(document[(document.IndexOf('\0') + 1)..]));
    });

    /// <summary>
    /// The file of issue 12: about 50 million characters of empty paragraphs (&lt;w:p/&gt;) in a 73 KB .docx. Its directory
    /// tells the truth, so the package check refuses it.
    /// </summary>
    public static byte[] EmptyParagraphBomb() => Repeated("<w:p/>", 50_000_000 / 6);

    /// <summary>
    /// Empty paragraphs just under the part limit of 32 MB: passes the package check, so only the reader's own count stops it.
    /// </summary>
    public static byte[] EmptyParagraphsUnderThePartLimit() => Repeated("<w:p/>", 30_000_000 / 6);

    /// <summary>
    /// A bomb whose zip directory and local header both declare document.xml as <paramref name="declaredBytes"/> bytes while
    /// it inflates to about 50 million characters.
    /// </summary>
    public static byte[] LyingSizeBomb(uint declaredBytes = 1_000)
    {
        var bytes = EmptyParagraphBomb();
        var name = Encoding.ASCII.GetBytes(DocumentPart);
        var span = bytes.AsSpan();
        var end = span.LastIndexOf("PK\u0005\u0006"u8);
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(span[(end + 10)..]);
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(end + 16)..]);
        for (var i = 0; i < entries; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 28)..]);
            var next = at + 46 + nameLength + BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 30)..]) +
                       BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 32)..]);
            if (span.Slice(at + 46, nameLength).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 24)..], declaredBytes);
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 42)..]);
                BinaryPrimitives.WriteUInt32LittleEndian(span[(local + 22)..], declaredBytes);
                return bytes;
            }
            at = next;
        }
        throw new InvalidOperationException("document.xml not found in the zip directory.");
    }

    /// <summary>A zip of <paramref name="count"/> empty entries with short names (8.6 MB for 100,000: under the 10 MB upload limit).</summary>
    public static byte[] ManyEntries(int count)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            for (var i = 0; i < count; i++) zip.CreateEntry(i.ToString(), CompressionLevel.NoCompression);
        return file.ToArray();
    }

    /// <summary>Billion laughs: ten levels of entities, each ten of the one below, in a DTD before the document.</summary>
    public static byte[] EntityExpansion()
    {
        var dtd = new StringBuilder("<!DOCTYPE w:document [<!ENTITY l0 \"哈哈哈哈哈哈哈哈哈哈\">");
        for (var i = 1; i <= 10; i++) dtd.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        dtd.Append("]>");
        return Docx($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>{dtd}<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>&l10;</w:t></w:r></w:p></w:body></w:document>");
    }

    /// <summary><paramref name="depth"/> nested w:sdt/w:smartTag elements around one run: recursion over it would overflow the stack.</summary>
    public static byte[] DeeplyNested(int depth) => Docx(s =>
    {
        var document = Document("<w:p>\0</w:p>");
        s.Write(Encoding.UTF8.GetBytes(document[..document.IndexOf('\0')]));
        for (var i = 0; i < depth; i++) s.Write(i % 2 == 0 ? "<w:sdt><w:sdtContent>"u8 : "<w:smartTag>"u8);
        s.Write("<w:r><w:t>嵌套的文字</w:t></w:r>"u8);
        for (var i = depth - 1; i >= 0; i--) s.Write(i % 2 == 0 ? "</w:sdtContent></w:sdt>"u8 : "</w:smartTag>"u8);
        s.Write(Encoding.UTF8.GetBytes(document[(document.IndexOf('\0') + 1)..]));
    });

    /// <summary>The first bytes of an old Word 97–2003 file (an OLE compound document), padded to one sector.</summary>
    public static byte[] OldWordDocument() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    /// <summary>The start of a PDF.</summary>
    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + new string(' ', 500));
}
