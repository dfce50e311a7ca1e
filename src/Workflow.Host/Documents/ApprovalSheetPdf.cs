using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Workflow.Host.Documents;

/// <summary>One decision on a 审批单: the step, what was done, the opinion, who, in which role, when (China time, text).</summary>
public sealed record ApprovalSheetRow(string Step, string Decision, string Opinion, string Person, string Role, string At);

/// <summary>What a 审批单 shows of one report.</summary>
public sealed record ApprovalSheet(string Title, string UnitName, int Year, string Route, string Status, string PrintedAt,
    IReadOnlyList<ApprovalSheetRow> Rows);

/// <summary>
/// Writes 审批单 as PDF: A4 portrait with the margins of an official form (GB/T 9704: 37 mm top, 28 mm left), the decision
/// table wrapping long opinions and flowing onto further pages with its header repeated; one sheet or many in one file.
/// </summary>
public static class ApprovalSheetPdf
{
    public const string ContentType = "application/pdf";
    public const string Heading = "全面从严治党主体责任情况报告审批单";

    private const double Mm = 72 / 25.4;
    private static readonly double Top = 37 * Mm, Bottom = 35 * Mm, Left = 28 * Mm, Right = 26 * Mm;
    private const double Pad = 3;

    private static readonly (string Header, double Width)[] Columns =
        [("序号", 26), ("审核环节", 62), ("处理", 46), ("意见", 0), ("处理人", 52), ("角色", 52), ("时间", 62)];

    /// <summary>The sheets, each starting on a new page, in one PDF; <paramref name="font"/> is the CJK face to embed.</summary>
    public static byte[] Write(IReadOnlyList<ApprovalSheet> sheets, byte[] font)
    {
        PdfFont.Use(font);
        using var document = new PdfDocument();
        document.Info.Title = sheets.Count == 1 ? $"{sheets[0].Title} {Heading}" : Heading;
        document.Info.Creator = "主体责任报告审核系统";
        foreach (var sheet in sheets) new SheetWriter(document, sheet).Write();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private sealed class SheetWriter(PdfDocument document, ApprovalSheet sheet)
    {
        // Requested (after PdfFont.Use: creating an XFont resolves it) by their official names; PdfFont maps every family to the embedded CJK face.
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        private readonly XFont headingFont = new("方正小标宋简体", 18, XFontStyleEx.Bold, Unicode);
        private readonly XFont labelFont = new("黑体", 10.5, XFontStyleEx.Bold, Unicode);
        private readonly XFont textFont = new("仿宋_GB2312", 10.5, XFontStyleEx.Regular, Unicode);
        private readonly XFont cellFont = new("仿宋_GB2312", 9, XFontStyleEx.Regular, Unicode);
        private readonly XFont footFont = new("宋体", 8, XFontStyleEx.Regular, Unicode);

        private readonly List<PdfPage> pages = [];
        private bool underHeader;
        private XGraphics gfx = null!;
        private double y;
        private double Width => XUnit.FromMillimeter(210).Point - Left - Right;
        private double PageBottom => XUnit.FromMillimeter(297).Point - Bottom;

        public void Write()
        {
            NewPage();
            gfx.DrawString(Heading, headingFont, XBrushes.Black, new XRect(Left, y, Width, 24), XStringFormats.TopCenter);
            y += 36;
            MetaRow("报告标题", sheet.Title);
            MetaRow("报送单位", sheet.UnitName);
            MetaRow("报告年度", $"{sheet.Year}年度");
            MetaRow("审核流程", sheet.Route);
            MetaRow("当前状态", sheet.Status);
            y += 12;
            gfx.DrawString("审核记录", labelFont, XBrushes.Black, new XRect(Left, y, Width, 16), XStringFormats.TopLeft);
            y += 18;
            TableHeader();
            var number = 0;
            foreach (var row in sheet.Rows) TableRow([(++number).ToString(), row.Step, row.Decision, row.Opinion, row.Person, row.Role, row.At]);
            if (sheet.Rows.Count == 0) TableRow(["", "", "", "尚无审核记录", "", "", ""]);
            gfx.Dispose();
            Footers();
        }

        private void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            page.Orientation = PageOrientation.Portrait;
            pages.Add(page);
            gfx = XGraphics.FromPdfPage(page);
            y = Top;
        }

        private void MetaRow(string label, string value)
        {
            const double labelWidth = 64;
            var lines = Wrap(value, textFont, Width - labelWidth - 2 * Pad);
            var height = lines.Count * LineHeight(textFont) + 2 * Pad;
            gfx.DrawRectangle(XPens.Black, Left, y, labelWidth, height);
            gfx.DrawRectangle(XPens.Black, Left + labelWidth, y, Width - labelWidth, height);
            gfx.DrawString(label, labelFont, XBrushes.Black, new XRect(Left, y + Pad, labelWidth, height), XStringFormats.TopCenter);
            DrawLines(lines, textFont, Left + labelWidth + Pad, y + Pad);
            y += height;
        }

        private double[] ColumnWidths()
        {
            var fixedWidth = Columns.Sum(c => c.Width);
            return Columns.Select(c => c.Width == 0 ? Width - fixedWidth : c.Width).ToArray();
        }

        private void TableHeader()
        {
            var widths = ColumnWidths();
            var height = LineHeight(labelFont) + 2 * Pad;
            var x = Left;
            gfx.DrawRectangle(XBrushes.Gainsboro, Left, y, Width, height);
            for (var i = 0; i < Columns.Length; i++)
            {
                gfx.DrawRectangle(XPens.Black, x, y, widths[i], height);
                gfx.DrawString(Columns[i].Header, labelFont, XBrushes.Black, new XRect(x, y + Pad, widths[i], height), XStringFormats.TopCenter);
                x += widths[i];
            }
            y += height;
        }

        // A row taller than what is left of the page goes whole to the next page, under a repeated header; only a row taller
        // than a whole page (an opinion of thousands of characters) is split line by line across pages.
        private void TableRow(string[] cells)
        {
            var widths = ColumnWidths();
            var lines = cells.Select((c, i) => Wrap(c, cellFont, widths[i] - 2 * Pad)).ToList();
            var lineHeight = LineHeight(cellFont);
            var from = 0;
            var total = lines.Max(l => l.Count);
            while (from < total)
            {
                var fit = (int)Math.Floor((PageBottom - y - 2 * Pad) / lineHeight);
                if (!underHeader && fit < Math.Min(total - from, LinesOnFreshPage(lineHeight)))
                {
                    NewPage();
                    TableHeader();
                    underHeader = true;
                    continue;
                }
                underHeader = false;
                var take = Math.Min(fit, total - from);
                var height = take * lineHeight + 2 * Pad;
                var x = Left;
                for (var i = 0; i < cells.Length; i++)
                {
                    gfx.DrawRectangle(XPens.Black, x, y, widths[i], height);
                    DrawLines(lines[i].Skip(from).Take(take).ToList(), cellFont, x + Pad, y + Pad);
                    x += widths[i];
                }
                y += height;
                from += take;
            }
        }

        // How many table lines a page holds under the table header: a row up to this tall is never split.
        private double LinesOnFreshPageHeight => PageBottom - Top - (LineHeight(labelFont) + 2 * Pad) - 2 * Pad;

        private int LinesOnFreshPage(double lineHeight) => (int)Math.Floor(LinesOnFreshPageHeight / lineHeight);

        private void DrawLines(IReadOnlyList<string> lines, XFont font, double x, double top)
        {
            for (var i = 0; i < lines.Count; i++)
                gfx.DrawString(lines[i], font, XBrushes.Black, new XRect(x, top + i * LineHeight(font), 1000, LineHeight(font)),
                    XStringFormats.TopLeft);
        }

        private void Footers()
        {
            for (var i = 0; i < pages.Count; i++)
            {
                using var page = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
                var text = $"{sheet.UnitName} {sheet.Year}年度 · 第 {i + 1} 页 共 {pages.Count} 页 · 打印时间 {sheet.PrintedAt}";
                page.DrawString(text, footFont, XBrushes.Black, new XRect(Left, PageBottom + 18, Width, 12), XStringFormats.TopCenter);
            }
        }

        private double LineHeight(XFont font) => font.Size * 1.45;

        // Chinese text breaks between any two characters; a run of Latin letters or digits is kept whole when it fits a line.
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r", "").Split('\n'))
            {
                var line = new System.Text.StringBuilder();
                var i = 0;
                while (i < paragraph.Length)
                {
                    var end = i + 1;
                    if (char.IsAsciiLetterOrDigit(paragraph[i]))
                        while (end < paragraph.Length && char.IsAsciiLetterOrDigit(paragraph[end])) end++;
                    var piece = paragraph[i..end];
                    if (line.Length > 0 && gfx.MeasureString(line + piece, font).Width > width)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                        if (piece == " ") { i = end; continue; }
                    }
                    if (gfx.MeasureString(piece, font).Width > width && piece.Length > 1) end = i + 1;
                    line.Append(paragraph[i..end]);
                    i = end;
                }
                lines.Add(line.ToString());
            }
            return lines;
        }
    }
}
