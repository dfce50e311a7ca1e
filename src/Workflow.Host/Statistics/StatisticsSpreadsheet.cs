using ClosedXML.Excel;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Activities.Statistics;
using Workflow.Host.Rectification;

namespace Workflow.Host.Statistics;

/// <summary>
/// 统计分析 as .xlsx, one sheet per table of the page (审核环节, 单位报送, 整改情况, 整改概况, 年度对比), written with ClosedXML
/// as the ledger export is: text cells stay text, A4 landscape, the header row on every printed page.
/// </summary>
public static class StatisticsSpreadsheet
{
    /// <summary>A figure the data cannot give (no decided step, no item) is written as this, never as 0.</summary>
    public const string None = "—";

    public static byte[] Write(YearStatistics year, IReadOnlyList<YearStatistics> trend)
    {
        using var book = new XLWorkbook();
        Table(book, "审核环节", ["审核环节", "已决定次数", "平均工作日", "P90工作日", "退回次数", "退回占比"],
            year.Steps.Select(s => new object?[] { s.StepName, s.Decided, s.AverageDays, s.P90Days, s.Returned, Percent(s.ReturnShare) }));
        Table(book, "单位报送", ["单位", "截止日期", "首次报送", "报送情况", "逾期工作日", "退回次数", "当前状态"],
            year.Units.Select(u => new object?[]
            {
                u.UnitName, u.DueDate, u.FirstSubmitted, u.Timeliness.Label(), u.OverdueWorkingDays, u.Returns, u.Status?.Label() ?? "未起草",
            }));
        Table(book, "整改情况", ["来源", "状态", "事项数"],
            year.Rectification.BySourceAndState.Select(f => new object?[] { f.Source.Label(), f.Status.Label(), f.Count }));
        var r = year.Rectification;
        Table(book, "整改概况", ["指标", "数值"],
        [
            ["事项总数", r.Total], ["已销号", r.Closed], ["销号率", Percent(r.ClosureRate)], ["当前逾期", r.Overdue], ["逾期率", Percent(r.OverdueRate)],
            ["平均销号用时（工作日）", r.AverageDaysToClose], ["二次整改（退回销号申请）", r.RejectedClosures], ["回头看重新整改", r.Reopened],
            ["问题反弹（与往年相似）", r.Recurring], ["问题反弹率", Percent(r.RecurrenceRate)],
        ]);
        Table(book, "年度对比", ["年度", "报告数", "已通过", "一次通过", "一次通过率", "按时报送", "逾期报送", "逾期未报", "按时报送率",
                "整改事项", "销号率", "逾期率", "二次整改", "回头看", "问题反弹率"],
            trend.Select(y => new object?[]
            {
                y.Year, y.Reports, y.Approved, y.ApprovedFirstPass, Percent(y.FirstPassRate), y.OnTime, y.Late, y.Missing, Percent(y.OnTimeRate),
                y.Rectification.Total, Percent(y.Rectification.ClosureRate), Percent(y.Rectification.OverdueRate),
                y.Rectification.RejectedClosures, y.Rectification.Reopened, Percent(y.Rectification.RecurrenceRate),
            }));
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    /// <summary>"33.3%" of a rate, or "—" when there is nothing to divide.</summary>
    public static string Percent(double? rate) => rate is { } value ? $"{value:0.#}%" : None;

    private static void Table(XLWorkbook book, string name, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        var sheet = book.Worksheets.Add(name);
        for (var c = 0; c < headers.Count; c++)
        {
            var cell = sheet.Cell(1, c + 1);
            cell.Value = headers[c];
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#F3E5E5");
        }
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                switch (row[c])
                {
                    case null: LedgerSpreadsheet.SetText(cell, None); break;
                    case int n: cell.Value = n; break;
                    case double d: cell.Value = d; break;
                    case DateOnly date:
                        cell.Value = date.ToDateTime(TimeOnly.MinValue);
                        cell.Style.DateFormat.Format = "yyyy-mm-dd";
                        break;
                    default: LedgerSpreadsheet.SetText(cell, row[c]!.ToString()!); break;
                }
            }
            r++;
        }
        sheet.Column(1).Width = 24;
        if (headers.Count > 1) sheet.Columns(2, headers.Count).Width = 13;
        Rectification.LedgerSpreadsheet.PrintForMeetings(sheet, headerRow: 1);
    }
}
