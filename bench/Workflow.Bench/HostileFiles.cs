using System.IO.Compression;
using System.Text;

namespace Workflow.Bench;

/// <summary>Hostile Word uploads, written byte by byte as an attacker would (the spreadsheets come from tests/Shared/HostileXlsx).</summary>
internal static class HostileFiles
{
    private const string WordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

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
}
