using System.Globalization;
using ClosedXML.Excel;
using Workflow.Activities.Calendar;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;

namespace Workflow.Host.Rectification;

/// <summary>One data row of an imported ledger sheet, as typed.</summary>
public sealed record SheetRow(int Row, string? Problem, string? Measures, string? Leader, string? Department, string? Owner, DateOnly? Deadline);

/// <summary>What was read from a sheet: the header's row number, the rows, and rows refused while reading.</summary>
public sealed record SheetContent(int HeaderRow, IReadOnlyList<SheetRow> Rows, IReadOnlyList<ImportError> Errors);

/// <summary>
/// The ledger as the .xlsx people already keep: 序号, 问题描述, 整改措施, 责任领导, 责任部门, 责任人, 完成时限 (found by header text,
/// in any order). Export adds 编号, 单位, 来源, 状态, 红绿灯 (the word the ledger page shows), 进展 and 销号日期, so an exported
/// sheet can be imported again; it prints on A4 landscape, one page wide, the header row on every page.
/// </summary>
public static class LedgerSpreadsheet
{
    public const string SheetName = "整改台账";

    public static readonly IReadOnlyList<(string Header, double Width)> ExportColumns =
    [
        ("序号", 6), ("编号", 15), ("单位", 16), ("来源", 12), ("问题描述", 48), ("整改措施", 48), ("责任领导", 10), ("责任部门", 14),
        ("责任人", 10), ("完成时限", 12), ("状态", 10), ("红绿灯", 8), ("进展", 40), ("销号日期", 12),
    ];

    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    /// <summary>
    /// Reads a ledger sheet within <paramref name="limits"/>, never evaluating a formula: a formula in the header or a data row
    /// is that row's error. Refusals of the whole file are <see cref="WorkflowRuleException"/>s on the field "file".
    /// </summary>
    public static SheetContent Read(Stream xlsx, SpreadsheetLimits limits)
    {
        var sheet = SheetCellReader.Read(xlsx, limits);
        if (sheet.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "import-empty", "表格是空的。", "file");
        var headerRow = sheet.Where(r => r.Key <= 10).Select(r => r.Key)
            .FirstOrDefault(r => sheet[r].Values.Any(c => Text(c) == "问题描述"));
        if (headerRow == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "import-no-header",
                "没有找到表头“问题描述”。请使用列：序号、问题描述、整改措施、责任领导、责任部门、责任人、完成时限。", "file");
        var columns = sheet[headerRow].Values
            .Select(c => (Header: Text(c) ?? "", c.Column))
            .Where(x => x.Header.Length > 0)
            .GroupBy(x => x.Header).ToDictionary(g => g.Key, g => g.First().Column);

        var rows = new List<SheetRow>();
        var errors = new List<ImportError>();
        foreach (var (r, cells) in sheet.Where(r => r.Key >= headerRow))
        {
            if (cells.Values.Any(c => c.IsFormula))
            {
                errors.Add(new ImportError(r, $"第{r}行：不支持公式，请粘贴为数值。"));
                continue;
            }
            if (r == headerRow) continue;
            SheetCell? Cell(string header) => columns.TryGetValue(header, out var c) ? cells.GetValueOrDefault(c) : null;
            string? Get(string header) => Cell(header) is { } cell ? Text(cell) : null;
            if (columns.Keys.All(header => Get(header) is null)) continue;
            var problem = Get("问题描述");
            if (problem is null)
            {
                errors.Add(new ImportError(r, $"第{r}行：问题描述不能为空。"));
                continue;
            }
            DateOnly? deadline = null;
            if (Cell("完成时限") is { Text.Length: > 0 } deadlineCell)
            {
                deadline = DateOf(deadlineCell);
                if (deadline is null)
                {
                    errors.Add(new ImportError(r, $"第{r}行：完成时限“{Excerpt(deadlineCell.Text.Trim())}”不是有效日期，请写成 2026-06-30 的形式。"));
                    continue;
                }
            }
            rows.Add(new SheetRow(r, problem, Get("整改措施"), Get("责任领导"), Get("责任部门"), Get("责任人"), deadline));
        }
        return new SheetContent(headerRow, rows, errors);
    }

    /// <summary>A cell's text quoted in a message, cut short: a row's message must not carry a whole page of the cell.</summary>
    public static string Excerpt(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>The ledger as .xlsx; <paramref name="progress"/> is each item's latest progress (note or journal comment), by id.</summary>
    public static byte[] Write(IReadOnlyList<LedgerRow> rows, IReadOnlyDictionary<Guid, string>? progress = null)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(SheetName);
        for (var c = 0; c < ExportColumns.Count; c++)
        {
            var cell = sheet.Cell(1, c + 1);
            cell.Value = ExportColumns[c].Header;
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#F3E5E5");
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
            sheet.Column(c + 1).Width = ExportColumns[c].Width;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var r = i + 2;
            sheet.Cell(r, 1).Value = i + 1;
            SetText(sheet.Cell(r, 2), row.Code);
            SetText(sheet.Cell(r, 3), row.UnitName);
            SetText(sheet.Cell(r, 4), row.Source.Label());
            SetText(sheet.Cell(r, 5), row.Problem);
            SetText(sheet.Cell(r, 6), row.Measures);
            SetText(sheet.Cell(r, 7), row.ResponsibleLeader);
            SetText(sheet.Cell(r, 8), row.ResponsibleDepartment);
            SetText(sheet.Cell(r, 9), row.OwnerName ?? "");
            SetDate(sheet.Cell(r, 10), row.Deadline);
            SetText(sheet.Cell(r, 11), row.Status.Label());
            SetText(sheet.Cell(r, 12), row.Light.Label());
            SetText(sheet.Cell(r, 13), progress?.GetValueOrDefault(row.Id) ?? row.Progress ?? "");
            SetDate(sheet.Cell(r, 14), row.ClosedAt is { } closed ? ChinaTime.DateOf(closed) : null);
        }
        sheet.Range(1, 1, Math.Max(1, rows.Count + 1), ExportColumns.Count).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        sheet.Column(5).Style.Alignment.WrapText = true;
        sheet.Column(6).Style.Alignment.WrapText = true;
        sheet.Column(13).Style.Alignment.WrapText = true;
        PrintForMeetings(sheet, headerRow: 1);
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    /// <summary>
    /// How every table the app exports is printed for meetings: rows down to the header frozen, A4 landscape, as wide as one page
    /// and as long as it takes, the header row on every page.
    /// </summary>
    internal static void PrintForMeetings(IXLWorksheet sheet, int headerRow)
    {
        sheet.SheetView.FreezeRows(headerRow);
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(headerRow, headerRow);
    }

    // Text cells stay text: a code like "2025-001" or a name must not be turned into a date or a number by Excel.
    internal static void SetText(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }

    private static void SetDate(IXLCell cell, DateOnly? date)
    {
        if (date is not { } d) return;
        cell.Value = d.ToDateTime(TimeOnly.MinValue);
        cell.Style.DateFormat.Format = "yyyy-mm-dd";
    }

    private static string? Text(SheetCell cell)
    {
        var text = cell.Text.Trim();
        return text.Length == 0 ? null : text;
    }

    // A number is a date when it is a plausible serial (1954–2119), whatever the cell's style; 20270630 typed as a number is text.
    private static DateOnly? DateOf(SheetCell cell)
    {
        var text = cell.Text.Trim();
        if (cell.Kind == SheetCellKind.Number && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
                                                 && serial is > 20000 and < 80000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        if (cell.Kind == SheetCellKind.IsoDate)
            return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? DateOnly.FromDateTime(date) : null;
        return DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }
}
