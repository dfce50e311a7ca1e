using System.Globalization;
using System.IO.Packaging;
using System.Text;
using System.Xml;
using Workflow.Activities.Reports;
using Workflow.Host.Documents;

namespace Workflow.Host.Rectification;

/// <summary>Bounds an uploaded spreadsheet must keep: file size, the zip directory, and the rows and columns that hold values.</summary>
public sealed record SpreadsheetLimits(long MaxFileBytes, int MaxRows, int MaxColumns, PackageLimits Package)
{
    public static SpreadsheetLimits From(LimitsOptions options) =>
        new(options.MaxSpreadsheetBytes, options.MaxSheetRows, options.MaxSheetColumns, options.Package);

    /// <summary>Refuses a file larger than <see cref="MaxFileBytes"/>: "file-too-large" on the field "file".</summary>
    public void EnsureFileSize(long bytes)
    {
        if (bytes > MaxFileBytes)
            throw new WorkflowRuleException(RuleViolation.Invalid, "file-too-large",
                $"文件过大（{LimitsOptions.Megabytes(bytes)}），不能超过 {LimitsOptions.Megabytes(MaxFileBytes)}，请分批导入。", "file");
    }

    public WorkflowRuleException TooLargeSheet() =>
        new(RuleViolation.Invalid, "file-too-large-sheet", $"表格超过{MaxRows}行（或{MaxColumns}列），请分批导入。", "file");
}

/// <summary>What a cell holds, as stored in the file.</summary>
public enum SheetCellKind
{
    Text,
    Number,
    Boolean,
    Error,
    IsoDate,
}

/// <summary>One cell that holds a value or a formula: its text as stored (a formula's cached result, never evaluated).</summary>
public sealed record SheetCell(int Column, SheetCellKind Kind, string Text, bool IsFormula);

/// <summary>
/// Reads the cells of an .xlsx's first worksheet (or of the worksheets named) without evaluating anything: the cached &lt;v&gt; values, inline strings and
/// shared strings, streamed with an <see cref="XmlReader"/> (DTDs prohibited, characters per part bounded, no recursion) after
/// the file size and the zip directory were checked. The Open XML SDK (2.20) is not used for reading: OpenXmlReader loads a
/// &lt;v&gt; or &lt;t&gt; element with all that is nested in it recursively (30,000 nested elements, a 2 KB file, overflow the
/// 8 MB stack of a request thread and end the process), and SpreadsheetDocument.Open walks the parts one recursion level per
/// related part. The package is opened with System.IO.Packaging, which SpreadsheetDocument wraps, and each part is read with
/// our own bounded XmlReader.
/// </summary>
public static class SheetCellReader
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string StrictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    private const int LastRow = 1_048_576;
    private const int LastColumn = 16_384;

    /// <summary>
    /// The cells that hold something, by row number then column number. Throws <see cref="WorkflowRuleException"/>:
    /// "file-too-large", "file-package-too-large", "file-too-large-sheet" (a value beyond the rows or columns allowed), or
    /// "import-not-xlsx" (not a readable .xlsx).
    /// </summary>
    public static SortedDictionary<int, SortedDictionary<int, SheetCell>> Read(Stream xlsx, SpreadsheetLimits limits) =>
        Open(xlsx, limits, (workbook, sharedStrings) =>
            ReadSheet(Worksheets(workbook, limits.Package.MaxXmlPartBytes).FirstOrDefault().Part ?? throw new InvalidDataException("No worksheet."),
                sharedStrings, limits));

    /// <summary>
    /// The cells of the worksheets named <paramref name="names"/> (a name missing from the workbook is missing from the answer),
    /// each within <paramref name="limits"/>; refusals as <see cref="Read"/>.
    /// </summary>
    public static Dictionary<string, SortedDictionary<int, SortedDictionary<int, SheetCell>>> ReadNamed(Stream xlsx, SpreadsheetLimits limits,
        IReadOnlyCollection<string> names) =>
        Open(xlsx, limits, (workbook, sharedStrings) => Worksheets(workbook, limits.Package.MaxXmlPartBytes)
            .Where(s => names.Contains(s.Name)).DistinctBy(s => s.Name)
            .ToDictionary(s => s.Name, s => ReadSheet(s.Part, sharedStrings, limits)));

    /// <summary>Checks the file's size and zip directory, opens it and hands over the workbook part; maps every failure to a refusal.</summary>
    private static T Open<T>(Stream xlsx, SpreadsheetLimits limits, Func<PackagePart, PackagePart?, T> read)
    {
        if (!xlsx.CanSeek)
        {
            using var copy = Buffer(xlsx, limits);
            return Open(copy, limits, read);
        }
        limits.EnsureFileSize(xlsx.Length);
        var head = new byte[8];
        xlsx.Position = 0;
        var headLength = xlsx.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        xlsx.Position = 0;
        try
        {
            OfficePackage.Inspect(xlsx, limits.Package);
            using var package = Package.Open(xlsx, FileMode.Open, FileAccess.Read);
            var workbook = MainPart(package);
            return read(workbook, SharedStringsPart(workbook));
        }
        catch (PartTooLargeException e)
        {
            throw OfficePackage.TooLarge($"部件 {e.PartName} 解压后超过 {LimitsOptions.Megabytes(limits.Package.MaxXmlPartBytes)}");
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or IOException or FormatException or InvalidOperationException
                                      or ArgumentException or NotSupportedException)
        {
            throw NotXlsx(head.AsSpan(0, headLength));
        }
    }

    private static SortedDictionary<int, SortedDictionary<int, SheetCell>> ReadSheet(PackagePart sheet, PackagePart? sharedStrings,
        SpreadsheetLimits limits)
    {
        var cells = new Cells(limits);
        using (var reader = Xml(sheet, limits.Package.MaxXmlPartBytes)) ReadWorksheet(reader, cells);
        cells.ResolveSharedStrings(sharedStrings, limits.Package.MaxXmlPartBytes);
        return cells.Rows;
    }

    // The 8-byte signature of the old binary formats (.xls, .doc): say what to do instead of only "not valid".
    private static WorkflowRuleException NotXlsx(ReadOnlySpan<byte> head) =>
        head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 })
            ? new(RuleViolation.Invalid, "import-not-xlsx", "这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后再导入。", "file")
            : new(RuleViolation.Invalid, "import-not-xlsx", "文件不是有效的 Excel（.xlsx）文件，请用 Excel 另存为 .xlsx 后再导入。", "file");

    private static MemoryStream Buffer(Stream xlsx, SpreadsheetLimits limits)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = xlsx.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
            limits.EnsureFileSize(copy.Length);
        }
        copy.Position = 0;
        return copy;
    }

    private static PackagePart MainPart(Package package)
    {
        foreach (var type in RelationshipTypes("officeDocument"))
            foreach (var relationship in package.GetRelationshipsByType(type))
                if (Target(package, new Uri("/", UriKind.Relative), relationship) is { } part) return part;
        throw new InvalidDataException("No workbook part.");
    }

    private static PackagePart? SharedStringsPart(PackagePart workbook)
    {
        foreach (var type in RelationshipTypes("sharedStrings"))
            foreach (var relationship in workbook.GetRelationshipsByType(type))
                if (Target(workbook.Package, workbook.Uri, relationship) is { } part) return part;
        return null;
    }

    /// <summary>The sheets that are worksheets (a chart sheet has no cells), in workbook order, with their names as shown on the tabs.</summary>
    private static List<(string Name, PackagePart Part)> Worksheets(PackagePart workbook, long maxPartBytes)
    {
        var worksheetTypes = RelationshipTypes("worksheet").ToHashSet();
        var sheets = new List<(string Name, PackagePart Part)>();
        using var reader = Xml(workbook, maxPartBytes);
        reader.MoveToContent();
        if (!IsMain(reader, "workbook")) throw new InvalidDataException("Not a workbook.");
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 2 || !IsMain(reader, "sheet")) continue;
            var id = reader.GetAttribute("id", Relationships) ?? reader.GetAttribute("id", StrictRelationships);
            if (id is null || !workbook.RelationshipExists(id)) continue;
            var relationship = workbook.GetRelationship(id);
            if (worksheetTypes.Contains(relationship.RelationshipType) && Target(workbook.Package, workbook.Uri, relationship) is { } sheet)
                sheets.Add(((reader.GetAttribute("name") ?? "").Trim(), sheet));
        }
        return sheets;
    }

    private static IEnumerable<string> RelationshipTypes(string name) =>
        [$"{Relationships}/{name}", $"{StrictRelationships}/{name}"];

    private static PackagePart? Target(Package package, Uri source, PackageRelationship relationship)
    {
        if (relationship.TargetMode == TargetMode.External) return null;
        var uri = PackUriHelper.ResolvePartUri(source, relationship.TargetUri);
        return package.PartExists(uri) ? package.GetPart(uri) : null;
    }

    private static XmlReader Xml(PackagePart part, long maxPartBytes) =>
        XmlReader.Create(new XmlShapeGuardStream(new BoundedStream(part.GetStream(FileMode.Open, FileAccess.Read), maxPartBytes,
                part.Uri.OriginalString.TrimStart('/'))),
            new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = maxPartBytes,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = true,
            });

    private static bool IsMain(XmlReader reader, string localName) => reader.LocalName == localName && InMain(reader);

    private static bool InMain(XmlReader reader) => reader.NamespaceURI is Main or StrictMain;

    // worksheet (depth 0) > sheetData (1) > row (2) > c (3); anything else, at any depth, is walked past node by node.
    private static void ReadWorksheet(XmlReader reader, Cells cells)
    {
        reader.MoveToContent();
        if (!IsMain(reader, "worksheet")) throw new InvalidDataException("Not a worksheet.");
        var path = new OpenElements();
        var row = 0;
        while (reader.Read())
        {
            path.Track(reader);
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.Depth == 2 && path.At(1) == "sheetData" && IsMain(reader, "row")) row = RowNumber(reader.GetAttribute("r"), row);
            else if (reader.Depth == 3 && path.At(2) == "row" && IsMain(reader, "c")) ReadCell(reader, row, cells);
        }
    }

    // A row without r follows the previous one (the attribute is optional in the format).
    private static int RowNumber(string? r, int previous)
    {
        if (r is null) return previous + 1 <= LastRow ? previous + 1 : throw new InvalidDataException("Row past the last row.");
        return int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= LastRow
            ? number
            : throw new InvalidDataException("Bad row number.");
    }

    /// <summary>Consumes one &lt;c&gt; element: type, reference, formula, cached value (&lt;v&gt;) or inline string (&lt;is&gt;).</summary>
    private static void ReadCell(XmlReader reader, int row, Cells cells)
    {
        var type = reader.GetAttribute("t");
        var (column, cellRow) = Reference(reader.GetAttribute("r"), cells.NextColumn(row));
        string? value = null;
        StringBuilder? inline = null;
        var formula = false;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            var path = new OpenElements(depth);
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                path.Track(reader);
                if (reader.NodeType != XmlNodeType.Element || !InMain(reader)) continue;
                if (reader.Depth == depth + 1)
                {
                    if (reader.LocalName == "f") formula = true;
                    else if (reader.LocalName == "v") value = LeafText(reader);
                    else if (reader.LocalName == "is") inline = new StringBuilder();
                }
                else if (inline is not null && path.At(depth + 1) == "is" && InlineText(reader, depth + 2, path))
                    inline.Append(LeafText(reader));
            }
        }
        cells.Add(cellRow ?? row, column, type, type == "inlineStr" ? inline?.ToString() : value, formula);
    }

    // Text sits in <t> directly under the string item, or in the <t> of a run (r); phonetic runs (rPh) repeat the reading and are left out.
    private static bool InlineText(XmlReader reader, int itemChildDepth, OpenElements path) =>
        reader.LocalName == "t" && (reader.Depth == itemChildDepth || (reader.Depth == itemChildDepth + 1 && path.At(itemChildDepth) == "r"));

    /// <summary>Column (and row, when given) of a reference such as "B7"; a cell without one follows the previous cell.</summary>
    private static (int Column, int? Row) Reference(string? reference, int next)
    {
        if (reference is null) return (next, null);
        var column = 0;
        var i = 0;
        for (; i < reference.Length && i < 4 && char.IsAsciiLetter(reference[i]); i++)
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        if (i == 0 || column > LastColumn) throw new InvalidDataException("Bad cell reference.");
        if (i == reference.Length) return (column, null);
        return int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row is >= 1 and <= LastRow
            ? (column, row)
            : throw new InvalidDataException("Bad cell reference.");
    }

    /// <summary>The text directly inside an element such as &lt;v&gt; or &lt;t&gt;, consuming it; nested elements are walked past, not read.</summary>
    private static string LeafText(XmlReader reader)
    {
        if (reader.IsEmptyElement) return "";
        var depth = reader.Depth;
        string? single = null;
        StringBuilder? several = null;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) break;
            if (reader.Depth != depth + 1 || reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace
                    or XmlNodeType.SignificantWhitespace)) continue;
            if (single is null) single = reader.Value;
            else (several ??= new StringBuilder(single)).Append(reader.Value);
        }
        return several?.ToString() ?? single ?? "";
    }

    /// <summary>The cells kept so far: only rows and columns within the limits, only cells that hold something.</summary>
    private sealed class Cells(SpreadsheetLimits limits)
    {
        private readonly Dictionary<(int Row, int Column), int> _pendingShared = [];
        private (int Row, int Column) _last;

        public SortedDictionary<int, SortedDictionary<int, SheetCell>> Rows { get; } = [];

        public int NextColumn(int row) => _last.Row == row ? Math.Min(_last.Column + 1, LastColumn) : 1;

        public void Add(int row, int column, string? type, string? text, bool formula)
        {
            _last = (row, column);
            var holdsValue = !string.IsNullOrEmpty(text);
            if (!holdsValue && !formula) return;
            if (row > limits.MaxRows || column > limits.MaxColumns)
            {
                // Tools write formatted but empty cells far out (and formulas without a cached result); only a value counts.
                if (holdsValue) throw limits.TooLargeSheet();
                return;
            }
            var kind = type switch
            {
                "s" or "str" or "inlineStr" => SheetCellKind.Text,
                "b" => SheetCellKind.Boolean,
                "e" => SheetCellKind.Error,
                "d" => SheetCellKind.IsoDate,
                _ => SheetCellKind.Number,
            };
            if (type == "s" && holdsValue)
                _pendingShared[(row, column)] = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    ? index
                    : throw new InvalidDataException("Bad shared string index.");
            if (kind == SheetCellKind.Boolean) text = text == "1" ? "TRUE" : text == "0" ? "FALSE" : text;
            if (!Rows.TryGetValue(row, out var cells)) Rows[row] = cells = [];
            cells[column] = new SheetCell(column, kind, type == "s" ? "" : text ?? "", formula);
        }

        /// <summary>
        /// Puts the shared strings in place. Only the strings the kept cells use are read, up to the highest index used; a sheet
        /// within the limits cannot use more distinct strings than it has cells, so an index past that is refused unread.
        /// </summary>
        public void ResolveSharedStrings(PackagePart? part, long maxPartBytes)
        {
            if (_pendingShared.Count == 0) return;
            var wanted = _pendingShared.Values.Distinct().ToDictionary(index => index, string? (_) => null);
            var highest = wanted.Keys.Max();
            if (highest >= (long)limits.MaxRows * limits.MaxColumns)
                throw OfficePackage.TooLarge($"共享字符串超过{(long)limits.MaxRows * limits.MaxColumns:N0}条");
            if (part is null) throw new InvalidDataException("Shared string without a table.");
            using (var reader = Xml(part, maxPartBytes))
            {
                reader.MoveToContent();
                if (!IsMain(reader, "sst")) throw new InvalidDataException("Not a shared string table.");
                var index = -1;
                while (index < highest && reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1 || !IsMain(reader, "si")) continue;
                    index++;
                    if (wanted.ContainsKey(index)) wanted[index] = SharedItem(reader);
                }
            }
            foreach (var ((row, column), index) in _pendingShared)
            {
                var text = wanted[index] ?? throw new InvalidDataException("Missing shared string.");
                Rows[row][column] = Rows[row][column] with { Text = text };
            }
        }

        /// <summary>Consumes one &lt;si&gt;: its &lt;t&gt;, or the &lt;t&gt; of its runs.</summary>
        private static string SharedItem(XmlReader reader)
        {
            if (reader.IsEmptyElement) return "";
            var depth = reader.Depth;
            var path = new OpenElements(depth);
            var text = new StringBuilder();
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                path.Track(reader);
                if (reader.NodeType == XmlNodeType.Element && InMain(reader) && InlineText(reader, depth + 1, path))
                    text.Append(LeafText(reader));
            }
            return text.ToString();
        }
    }

    /// <summary>
    /// The names of the open elements just below a starting depth (two levels are all the reader asks about), kept without a
    /// stack so that deep nesting costs nothing.
    /// </summary>
    private sealed class OpenElements(int start = 0)
    {
        private readonly string?[] _names = new string?[3];

        public string? At(int depth) => depth - start is >= 0 and < 3 ? _names[depth - start] : null;

        public void Track(XmlReader reader)
        {
            var level = reader.Depth - start;
            if (level is < 0 or >= 3) return;
            if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement) _names[level] = reader.LocalName;
            else if (reader.NodeType == XmlNodeType.EndElement) _names[level] = null;
        }
    }

    /// <summary>A part's stream that refuses to give more than a set number of bytes, whatever the zip directory declared.</summary>
    private sealed class BoundedStream(Stream inner, long maxBytes, string partName) : ReadOnlyStreamFilter(inner)
    {
        private long _read;

        public override int Read(Span<byte> buffer) => Count(Inner.Read(buffer));

        private int Count(int read)
        {
            _read += read;
            return _read > maxBytes ? throw new PartTooLargeException(partName) : read;
        }
    }

    private sealed class PartTooLargeException(string partName) : Exception(partName)
    {
        public string PartName { get; } = partName;
    }
}
