using ClosedXML.Excel;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Host.Rectification;

namespace Workflow.Host.Admin;

/// <summary>A 单位 row as typed: unit code, name, kind, and for an agency the codes of its committee and inspection team.</summary>
public sealed record UnitSheetRow(int Row, string? Code, string? Name, string? Kind, string? SupervisorCode, string? InspectionTeamCode);

/// <summary>A 人员 row as typed: user name, display name, unit code, business role, e-mail.</summary>
public sealed record UserSheetRow(int Row, string? UserName, string? DisplayName, string? UnitCode, string? Role, string? Email);

/// <summary>Why one cell of an organisation workbook was refused: sheet, row number and column header, and the Chinese message.</summary>
public sealed record OrganisationImportError(string Sheet, int Row, string Column, string Message);

/// <summary>What was read from an organisation workbook, and the cells refused while reading (formulas).</summary>
public sealed record OrganisationSheets(IReadOnlyList<UnitSheetRow> Units, IReadOnlyList<UserSheetRow> Users, IReadOnlyList<OrganisationImportError> Errors);

/// <summary>
/// The organisation as one workbook (sheets 单位, 人员 and 说明, columns found by header text in any order): the template,
/// the export of the current organisation and the import read the same columns, so export → edit → import round-trips.
/// </summary>
public static class OrganisationSpreadsheet
{
    public const string UnitsSheet = "单位";
    public const string UsersSheet = "人员";
    public const string NotesSheet = "说明";

    public const string CodeColumn = "代码";
    public const string NameColumn = "名称";
    public const string KindColumn = "类别";
    public const string SupervisorColumn = "机关工委代码";

    /// <summary>Headers that sheets written for earlier versions use, read as today's column.</summary>
    private static readonly Dictionary<string, string> HeaderAliases = new() { ["监督委员会代码"] = SupervisorColumn };
    public const string InspectionTeamColumn = "派驻纪检监察组代码";

    public const string UserNameColumn = "用户名";
    public const string DisplayNameColumn = "姓名";
    public const string UnitCodeColumn = "单位代码";
    public const string RoleColumn = "角色";
    public const string EmailColumn = "电子邮箱";

    private static readonly string[] UnitColumns = [CodeColumn, NameColumn, KindColumn, SupervisorColumn, InspectionTeamColumn];
    private static readonly string[] UserColumns = [UserNameColumn, DisplayNameColumn, UnitCodeColumn, RoleColumn, EmailColumn];

    /// <summary>The roles an import may give: the business roles. Administrator roles are given by the 安全保密管理员 only (三员分立).</summary>
    public static readonly IReadOnlyList<string> BusinessRoles = [RoleNames.Drafter, RoleNames.PartySecretary, RoleNames.DisciplineInspector, RoleNames.Committee];

    /// <summary>
    /// Reads sheets 单位 and 人员 (either may be absent, not both) within <paramref name="limits"/>, never evaluating a formula:
    /// a formula is its cell's error. Refusals of the whole file are <see cref="WorkflowRuleException"/>s on the field "file".
    /// </summary>
    public static OrganisationSheets Read(Stream xlsx, SpreadsheetLimits limits)
    {
        var sheets = SheetCellReader.ReadNamed(xlsx, limits, [UnitsSheet, UsersSheet]);
        if (sheets.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "import-no-header",
                $"没有找到工作表“{UnitsSheet}”或“{UsersSheet}”。请下载导入模板，按模板填写后再导入。", "file");
        var errors = new List<OrganisationImportError>();
        var units = sheets.TryGetValue(UnitsSheet, out var unitCells)
            ? Rows(UnitsSheet, unitCells, UnitColumns, errors, (r, get) => new UnitSheetRow(r, get(CodeColumn), get(NameColumn), get(KindColumn),
                get(SupervisorColumn), get(InspectionTeamColumn)))
            : [];
        var users = sheets.TryGetValue(UsersSheet, out var userCells)
            ? Rows(UsersSheet, userCells, UserColumns, errors, (r, get) => new UserSheetRow(r, get(UserNameColumn), get(DisplayNameColumn),
                get(UnitCodeColumn), get(RoleColumn), get(EmailColumn)))
            : [];
        if (units.Count == 0 && users.Count == 0 && errors.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "import-empty", "表格中没有可导入的单位或人员。", "file");
        return new OrganisationSheets(units, users, errors);
    }

    /// <summary>The data rows under the header (found in the first ten rows by its first column's text); blank rows are skipped.</summary>
    private static List<T> Rows<T>(string sheetName, SortedDictionary<int, SortedDictionary<int, SheetCell>> sheet, string[] expected,
        List<OrganisationImportError> errors, Func<int, Func<string, string?>, T> row)
    {
        var headerRow = sheet.Where(r => r.Key <= 10).Select(r => r.Key)
            .FirstOrDefault(r => sheet[r].Values.Any(c => Text(c) == expected[0]));
        if (headerRow == 0)
        {
            if (sheet.Count == 0) return [];
            throw NoHeader(sheetName, expected, $"没有找到表头“{expected[0]}”");
        }
        var columns = sheet[headerRow].Values.Select(c => (Header: Text(c) is { } h ? HeaderAliases.GetValueOrDefault(h, h) : "", c.Column))
            .Where(x => x.Header.Length > 0)
            .GroupBy(x => x.Header).ToDictionary(g => g.Key, g => g.First().Column);
        var missing = expected.Where(h => !columns.ContainsKey(h)).ToList();
        if (missing.Count > 0) throw NoHeader(sheetName, expected, $"缺少列“{string.Join("”“", missing)}”");
        var headers = columns.ToDictionary(c => c.Value, c => c.Key);

        var rows = new List<T>();
        foreach (var (r, cells) in sheet.Where(r => r.Key > headerRow))
        {
            var formulas = cells.Values.Where(c => c.IsFormula).ToList();
            foreach (var cell in formulas)
                errors.Add(Error(sheetName, r, headers.GetValueOrDefault(cell.Column, ColumnLetter(cell.Column)), "不支持公式，请粘贴为数值。"));
            if (formulas.Count > 0) continue;
            string? Get(string header) => cells.GetValueOrDefault(columns[header]) is { } cell ? Text(cell) : null;
            if (expected.All(h => Get(h) is null)) continue;
            rows.Add(row(r, Get));
        }
        return rows;
    }

    private static WorkflowRuleException NoHeader(string sheet, string[] expected, string what) =>
        new(RuleViolation.Invalid, "import-no-header",
            $"工作表“{sheet}”{what}。第一行应为表头：{string.Join("、", expected)}（顺序不限）。", "file");

    /// <summary>An error whose message names the sheet, row and column, as the page and the API show it.</summary>
    public static OrganisationImportError Error(string sheet, int row, string column, string reason) =>
        new(sheet, row, column, $"“{sheet}”表第{row}行“{column}”：{reason}");

    private static string ColumnLetter(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26) letters = (char)('A' + (column - 1) % 26) + letters;
        return letters + "列";
    }

    private static string? Text(SheetCell cell)
    {
        var text = cell.Text.Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>A workbook of the given units and users: the empty template when both are empty.</summary>
    public static byte[] Write(IReadOnlyList<UnitSheetRow> units, IReadOnlyList<UserSheetRow> users, int maxRows)
    {
        using var book = new XLWorkbook();
        var unitSheet = book.Worksheets.Add(UnitsSheet);
        Header(unitSheet, [(CodeColumn, 12), (NameColumn, 28), (KindColumn, 14), (SupervisorColumn, 16), (InspectionTeamColumn, 20)]);
        Fill(unitSheet, units.Select(u => new[] { u.Code, u.Name, u.Kind, u.SupervisorCode, u.InspectionTeamCode }));
        ListValidation(unitSheet, 3, maxRows, Enum.GetValues<UnitKind>().Select(Unit.KindLabel));

        var userSheet = book.Worksheets.Add(UsersSheet);
        Header(userSheet, [(UserNameColumn, 20), (DisplayNameColumn, 28), (UnitCodeColumn, 12), (RoleColumn, 14), (EmailColumn, 32)]);
        Fill(userSheet, users.Select(u => new[] { u.UserName, u.DisplayName, u.UnitCode, u.Role, u.Email }));
        ListValidation(userSheet, 4, maxRows, BusinessRoles.Select(RoleNames.Label));

        var notes = book.Worksheets.Add(NotesSheet);
        notes.Column(1).Width = 110;
        notes.Column(1).Style.Alignment.WrapText = true;
        for (var i = 0; i < Notes.Length; i++) SetText(notes.Cell(i + 1, 1), Notes[i]);
        notes.Cell(1, 1).Style.Font.Bold = true;

        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    private static readonly string[] Notes =
    [
        "组织机构导入说明",
        "1. 本工作簿有“单位”“人员”两张表，第一行为表头（列的顺序不限），从第二行起每行一个单位或一个人。可以只填其中一张表。",
        "2. 单位：代码由英文字母和数字组成（最多20位，如 KX），名称最多100个字；类别为 报告单位、纪检监察组 或 机关工委（如市直机关工委、县直机关工委）。" +
        "报告单位必须填写机关工委代码（即所属机关工委的代码；旧模板的“监督委员会代码”列同样可用）和派驻纪检监察组代码，其他类别这两列留空。所填代码可以是本表中的单位，也可以是系统中已有的单位。",
        "3. 人员：用户名由英文字母、数字和 - . _ @ + 组成（最多64位）；姓名最多100个字；单位代码为本表或系统中已有单位的代码；" +
        "角色为 起草人、党组书记（所属单位须为报告单位）、纪检监察组（须为纪检监察组）或 市直机关工委（须为机关工委）；电子邮箱必填，审核提醒发到这里。",
        "4. 管理员角色（系统管理员、安全保密管理员、安全审计员）不能导入，只能由安全保密管理员在系统中授予（三员分立）；已是管理员的账号也不能通过导入修改。",
        "5. 导入按单位代码和用户名更新：已有的单位和人员按表中内容修改，没有的新建；表中没有列出的单位和人员保持不变，导入不会删除任何数据。",
        "6. 只要有一行不符合要求，整个文件都不会导入；系统会列出每个错误所在的表、行号和列，请修改后重新导入。",
        "7. 新导入的账号没有密码，暂不能登录：请安全保密管理员为其设置初始密码。",
        "8. 单元格中的公式不会被计算，含公式的行不能导入，请先“选择性粘贴 → 数值”。",
    ];

    /// <summary>One row per entry under the header, every cell as text.</summary>
    private static void Fill(IXLWorksheet sheet, IEnumerable<string?[]> rows)
    {
        var r = 2;
        foreach (var values in rows)
        {
            for (var c = 0; c < values.Length; c++) SetText(sheet.Cell(r, c + 1), values[c]);
            r++;
        }
    }

    private static void Header(IXLWorksheet sheet, (string Header, double Width)[] columns)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            var cell = sheet.Cell(1, c + 1);
            cell.Value = columns[c].Header;
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#F3E5E5");
            sheet.Column(c + 1).Width = columns[c].Width;
            // Codes and names typed later stay text: "001" must not become the number 1.
            sheet.Column(c + 1).Style.NumberFormat.Format = "@";
        }
        sheet.SheetView.FreezeRows(1);
    }

    // A drop-down list on one column below the header: cheap, and it keeps typos out of the kind and role columns.
    private static void ListValidation(IXLWorksheet sheet, int column, int maxRows, IEnumerable<string> values)
    {
        var validation = sheet.Range(2, column, Math.Max(2, maxRows), column).SetDataValidation();
        validation.List($"\"{string.Join(",", values)}\"", true);
        validation.IgnoreBlanks = true;
    }

    // Text cells stay text: a code like "0101" or a name must not be turned into a number or a date by Excel.
    private static void SetText(IXLCell cell, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }
}
