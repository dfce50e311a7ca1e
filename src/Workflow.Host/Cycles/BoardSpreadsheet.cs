using ClosedXML.Excel;
using Workflow.Activities.Calendar;
using Workflow.Activities.Cycles;
using Workflow.Host.Rectification;

namespace Workflow.Host.Cycles;

/// <summary>报送情况 as .xlsx: one row per unit, as the page shows it, A4 landscape like the ledger export.</summary>
public static class BoardSpreadsheet
{
    private static readonly (string Header, double Width)[] Columns =
    [
        ("序号", 6), ("单位", 28), ("状态", 10), ("当前环节", 18), ("办理人", 20), ("起始时间", 18), ("截止日期", 12), ("期限", 16),
        ("退回次数", 9), ("最近退回人", 12), ("通过日期", 12), ("今日催办", 20),
    ];

    public static byte[] Write(Board board)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("报送情况");
        sheet.Cell(1, 1).Value = $"{board.Cycle.Name}报送情况（截止{board.Cycle.DueDate:yyyy-MM-dd}，导出于{board.Today:yyyy-MM-dd}）";
        sheet.Cell(1, 1).Style.Font.Bold = true;
        for (var c = 0; c < Columns.Length; c++)
        {
            var cell = sheet.Cell(2, c + 1);
            cell.Value = Columns[c].Header;
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#F3E5E5");
            sheet.Column(c + 1).Width = Columns[c].Width;
        }
        for (var i = 0; i < board.Rows.Count; i++)
        {
            var row = board.Rows[i];
            var r = i + 3;
            sheet.Cell(r, 1).Value = i + 1;
            string[] cells =
            [
                row.UnitName, row.Standing.State.Label(), row.Where, string.Join("、", row.Holders),
                row.Since is { } since ? TimeZoneInfo.ConvertTime(since, ChinaTime.Zone).ToString("yyyy-MM-dd HH:mm") : "",
                row.Standing.Deadline?.DueDate.ToString("yyyy-MM-dd") ?? "", row.Standing.Deadline?.Text ?? "",
                row.TimesReturned == 0 ? "" : row.TimesReturned.ToString(), row.LastReturnedBy ?? "",
                row.ApprovedOn?.ToString("yyyy-MM-dd") ?? "", row.UrgedToday is { } u ? $"{u.ByName}催办{u.Recipients}" : "",
            ];
            for (var c = 0; c < cells.Length; c++)
                LedgerSpreadsheet.SetText(sheet.Cell(r, c + 2), cells[c]);
            if (row.Standing.Overdue)
                sheet.Cell(r, 8).Style.Font.FontColor = XLColor.FromHtml("#B71C1C");
        }
        LedgerSpreadsheet.PrintForMeetings(sheet, headerRow: 2);
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }
}
