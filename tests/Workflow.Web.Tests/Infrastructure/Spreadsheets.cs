using ClosedXML.Excel;

namespace Workflow.Web.Tests.Infrastructure;

/// <summary>Small .xlsx uploads, one sheet of text cells, as a user's Excel saves them.</summary>
public static class Spreadsheets
{
    public static byte[] Sheet(params string[][] rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("台账");
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                sheet.Cell(r + 1, c + 1).SetValue(rows[r][c]);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }
}
