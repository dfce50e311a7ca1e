using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Tests.Shared;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Admin;

/// <summary>Builds organisation workbooks (sheets 单位 and 人员) as an admin's Excel saves them, and reads the app's back.</summary>
public static class OrganisationBook
{
    public static readonly string[] UnitHeader = ["代码", "名称", "类别", "机关工委代码", "派驻纪检监察组代码"];
    public static readonly string[] UserHeader = ["用户名", "姓名", "单位代码", "角色", "电子邮箱"];

    public static byte[] Write(IEnumerable<string?[]> units, IEnumerable<string?[]> users, string[]? unitHeader = null)
    {
        using var book = new XLWorkbook();
        Fill(book.Worksheets.Add("单位"), [unitHeader ?? UnitHeader, .. units]);
        Fill(book.Worksheets.Add("人员"), [UserHeader, .. users]);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Fill(IXLWorksheet sheet, IReadOnlyList<string?[]> rows)
    {
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < rows[r].Length; c++)
                if (rows[r][c] is { } text) sheet.Cell(r + 1, c + 1).SetValue(text);
    }

    /// <summary>Each sheet of a workbook as rows of cell texts (header included).</summary>
    public static Dictionary<string, List<string[]>> Read(byte[] xlsx)
    {
        using var book = new XLWorkbook(new MemoryStream(xlsx));
        return book.Worksheets.ToDictionary(s => s.Name, s => s.RowsUsed()
            .Select(r => Enumerable.Range(1, Math.Max(1, s.LastColumnUsed()?.ColumnNumber() ?? 1)).Select(c => r.Cell(c).GetString()).ToArray())
            .ToList());
    }

    public static MultipartFormDataContent Form(byte[] bytes, string field = "file", string name = "组织机构.xlsx")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, field, name);
        return form;
    }

    /// <summary>30 units (a committee, four teams, 25 agencies) and 200 people, codes starting with <paramref name="prefix"/>.</summary>
    public static (List<string?[]> Units, List<string?[]> Users) Realistic(string prefix)
    {
        var units = new List<string?[]> { new[] { $"{prefix}GW", $"{prefix}市直机关工委", "监督委员会", null, null } };
        for (var t = 1; t <= 4; t++) units.Add([$"{prefix}JJ{t}", $"{prefix}派驻第{t}纪检监察组", "纪检监察组", null, null]);
        for (var a = 1; a <= 25; a++) units.Add([$"{prefix}A{a:00}", $"{prefix}第{a}局", "报告单位", $"{prefix}GW", $"{prefix}JJ{(a - 1) % 4 + 1}"]);
        var users = new List<string?[]>();
        for (var a = 1; a <= 25; a++)
            for (var p = 1; p <= 7; p++)
                users.Add([$"{prefix.ToLowerInvariant()}.a{a:00}.{p}", $"第{a}局干部{p}", $"{prefix}A{a:00}", p == 1 ? "党组书记" : "起草人",
                    $"{prefix.ToLowerInvariant()}.a{a:00}.{p}@example.gov.cn"]);
        for (var i = 1; i <= 20; i++)
            users.Add([$"{prefix.ToLowerInvariant()}.jj.{i}", $"纪检干部{i}", $"{prefix}JJ{(i - 1) % 4 + 1}", "纪检监察组", $"{prefix.ToLowerInvariant()}.jj.{i}@example.gov.cn"]);
        for (var i = 1; i <= 5; i++)
            users.Add([$"{prefix.ToLowerInvariant()}.gw.{i}", $"工委干部{i}", $"{prefix}GW", "市直机关工委", $"{prefix.ToLowerInvariant()}.gw.{i}@example.gov.cn"]);
        return (units, users);
    }
}

/// <summary>The organisation's units and users as stored, to show that an import changed nothing (concurrency stamps included).</summary>
public sealed record OrganisationSnapshot(string Units, string Users)
{
    public static async Task<OrganisationSnapshot> TakeAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var units = (await db.Units.AsNoTracking().ToListAsync()).OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => $"{u.Id}|{u.Code}|{u.Name}|{u.Kind}|{u.SupervisorId}|{u.InspectionTeamId}");
        var roles = (await db.UserRoles.AsNoTracking().ToListAsync()).ToLookup(r => r.UserId, r => r.RoleId);
        var users = (await db.Users.AsNoTracking().ToListAsync()).OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => $"{u.UserName}|{u.DisplayName}|{u.Email}|{u.UnitId}|{u.ConcurrencyStamp}|{u.SecurityStamp}|{string.Join(",", roles[u.Id].Order())}");
        return new OrganisationSnapshot(string.Join("\n", units), string.Join("\n", users));
    }
}

/// <summary>
/// Issue 13 item 7 through the real app: the organisation from one .xlsx, all or nothing, with every refused cell named by
/// sheet, row and column; template and export in the same format, so export → edit → import round-trips.
/// </summary>
public sealed class OrganisationImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Import = "/api/admin/organisation/import";

    private sealed record Imported(int UnitsCreated, int UnitsUpdated, int UsersCreated, int UsersUpdated);

    private async Task<HttpResponseMessage> ImportAsync(byte[] xlsx) => await (await app.SharedClientAsync("admin")).PostAsync(Import, OrganisationBook.Form(xlsx));

    private async Task<Imported> ImportOkAsync(byte[] xlsx) =>
        await (await app.SharedClientAsync("admin")).PostAsync(Import, OrganisationBook.Form(xlsx)).ExpectAsync<Imported>(HttpStatusCode.OK);

    private static async Task<List<(string Sheet, int Row, string Column, string Message)>> ErrorsAsync(HttpResponseMessage response)
    {
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "import-rejected");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("file", body.GetProperty("field").GetString());
        return body.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("sheet").GetString()!, e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!,
                e.GetProperty("message").GetString()!))
            .ToList();
    }

    [Fact]
    public async Task The_template_has_the_two_sheets_to_fill_and_the_notes_and_imports_nothing_as_it_is()
    {
        var admin = await app.SharedClientAsync("admin");
        var response = await admin.GetAsync("/api/admin/organisation/template").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var template = await response.Content.ReadAsByteArrayAsync();
        var sheets = OrganisationBook.Read(template);
        Assert.Equal(new[] { "单位", "人员", "说明" }, sheets.Keys.ToArray());
        Assert.Equal(OrganisationBook.UnitHeader, sheets["单位"].Single());
        Assert.Equal(OrganisationBook.UserHeader, sheets["人员"].Single());
        Assert.Contains(sheets["说明"], r => r[0].Contains("不会删除"));
        using (var book = new XLWorkbook(new MemoryStream(template)))
            Assert.Contains("报告单位", book.Worksheet("单位").DataValidations.Single().Value);

        await (await ImportAsync(template)).AssertProblemAsync(HttpStatusCode.BadRequest, "import-empty");
    }

    [Fact]
    public async Task A_sheet_of_the_old_template_with_its_header_监督委员会代码_imports_as_机关工委代码()
    {
        string[] oldHeader = ["代码", "名称", "类别", "监督委员会代码", "派驻纪检监察组代码"];
        var book = OrganisationBook.Write(
            [["OHGW", "旧表机关工委", "监督委员会", null, null], ["OHJJ", "旧表纪检监察组", "纪检监察组", null, null],
             ["OHA1", "旧表第一局", "报告单位", "OHGW", "OHJJ"]], [], oldHeader);
        Assert.Equal(3, (await ImportOkAsync(book)).UnitsCreated);

        var admin = await app.SharedClientAsync("admin");
        var export = OrganisationBook.Read(await (await admin.GetAsync("/api/admin/organisation/export").ExpectAsync(HttpStatusCode.OK))
            .Content.ReadAsByteArrayAsync())["单位"];
        var column = Array.IndexOf(export[0], "机关工委代码");
        Assert.Equal("OHGW", export.Single(r => r[0] == "OHA1")[column]);
    }

    [Fact]
    public async Task Export_then_import_changes_nothing()
    {
        var admin = await app.SharedClientAsync("admin");
        var export = await (await admin.GetAsync("/api/admin/organisation/export").ExpectAsync(HttpStatusCode.OK)).Content.ReadAsByteArrayAsync();
        var sheets = OrganisationBook.Read(export);
        Assert.Contains(sheets["单位"], r => r.SequenceEqual(["KX", "市科协", "报告单位", "GW", "JJ1"]));
        Assert.Contains(sheets["人员"], r => r.SequenceEqual(["drafter.kexie", "王丽（市科协办公室）", "KX", "起草人", "drafter.kexie@example.gov.cn"]));
        Assert.DoesNotContain(sheets["人员"], r => r[0] == "admin");

        var before = await OrganisationSnapshot.TakeAsync(app);
        var result = await ImportOkAsync(export);
        Assert.Equal(new Imported(0, 0, 0, 0), result);
        Assert.Equal(before, await OrganisationSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task A_realistic_organisation_of_30_units_and_200_people_imports_and_edits_round_trip()
    {
        var (units, users) = OrganisationBook.Realistic("RL");
        var first = await ImportOkAsync(OrganisationBook.Write(units, users));
        Assert.Equal(new Imported(30, 0, 200, 0), first);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var secretary = (await userManager.FindByNameAsync("rl.a07.1"))!;
            Assert.Equal("第7局干部1", secretary.DisplayName);
            Assert.Null(secretary.PasswordHash);
            Assert.Equal(["PartySecretary"], await userManager.GetRolesAsync(secretary));
            var agency = await db.Units.SingleAsync(u => u.Code == "RLA07");
            Assert.Equal(agency.Id, secretary.UnitId);
            Assert.Equal((await db.Units.SingleAsync(u => u.Code == "RLJJ3")).Id, agency.InspectionTeamId);
        }
        // Without a password nobody can sign in, whatever he types.
        using var anonymous = app.CreateClient();
        await (await anonymous.PostJsonAsync("/api/auth/login", new { userName = "rl.a07.1", password = AppFactory.Password }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        var admin = await app.SharedClientAsync("admin");
        var export = await (await admin.GetAsync("/api/admin/organisation/export")).Content.ReadAsByteArrayAsync();
        var exported = OrganisationBook.Read(export);
        Assert.Equal(30, exported["单位"].Count(r => r[0].StartsWith("RL", StringComparison.Ordinal)));
        Assert.Equal(200, exported["人员"].Count(r => r[0].StartsWith("rl.", StringComparison.Ordinal)));

        // Edit the export as an admin would: a unit renamed, a person moved to another agency, a new person; nothing deleted.
        var unitRows = exported["单位"].Skip(1).Select(r => (string?[])r.Select(c => c.Length == 0 ? null : c).ToArray()).ToList();
        var userRows = exported["人员"].Skip(1).Select(r => (string?[])r.Cast<string?>().ToArray()).ToList();
        unitRows.Single(r => r[0] == "RLA01")[1] = "RL第一局（更名）";
        userRows.Single(r => r[0] == "rl.a02.3")[2] = "RLA03";
        userRows.Add(["rl.new", "新来的人", "RLA01", "起草人", "rl.new@example.gov.cn"]);
        var second = await ImportOkAsync(OrganisationBook.Write(unitRows.Where(r => r[0] != "RLA25"), userRows));
        Assert.Equal(new Imported(0, 1, 1, 1), second);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal("RL第一局（更名）", (await db.Units.SingleAsync(u => u.Code == "RLA01")).Name);
            Assert.True(await db.Units.AnyAsync(u => u.Code == "RLA25"), "a unit left out of the file is not deleted");
        }
    }

    [Fact]
    public async Task Every_kind_of_error_is_named_by_sheet_row_and_column_and_nothing_is_written()
    {
        string?[][] units =
        [
            ["ERA", "错误测试局", "报告单位", "GW", "JJ1"], // row 2: good
            ["ERA", "另一个局", "报告单位", "GW", "JJ1"], // row 3: duplicate code
            ["ER-B", "名称", "报告单位", "GW", "JJ1"], // row 4: bad code
            ["ERC", "某局", "局", "GW", "JJ1"], // row 5: bad kind
            ["ERD", "某某局", "报告单位", "NOPE", "JJ1"], // row 6: unknown supervisor
            ["ERE", "某某某局", "报告单位", "GW", "KX"], // row 7: team that is an agency
            ["ERF", new string('长', 101), "纪检监察组", null, null], // row 8: name too long
            ["ERG", "市科协", "纪检监察组", null, null], // row 9: name held by another unit
        ];
        string?[][] users =
        [
            ["er.good", "正确的人", "ERA", "起草人", "er.good@example.gov.cn"], // row 2: good, unit from this file
            ["er.good", "重复的人", "ERA", "起草人", "er.dup@example.gov.cn"], // row 3: duplicate user name
            ["er.unit", "某人", "NOPE", "起草人", "er.unit@example.gov.cn"], // row 4: unknown unit
            ["er.role", "某人", "ERA", "局长", "er.role@example.gov.cn"], // row 5: unknown role
            ["er.admin", "某人", "GW", "系统管理员", "er.admin@example.gov.cn"], // row 6: administrator role
            ["er.mail", "某人", "ERA", "起草人", "not an address"], // row 7: invalid e-mail
            ["er.fit", "某人", "JJ1", "党组书记", "er.fit@example.gov.cn"], // row 8: role does not fit the unit's kind
            ["admin", "改名", "GW", "市直机关工委", "admin@example.gov.cn"], // row 9: an administrator account
            ["er.name", new string('名', 101), "ERA", "起草人", "er.name@example.gov.cn"], // row 10: name too long
        ];
        var before = await OrganisationSnapshot.TakeAsync(app);
        var errors = await ErrorsAsync(await ImportAsync(OrganisationBook.Write(units, users)));

        Assert.Equal(
        [
            ("单位", 3, "代码"), ("单位", 4, "代码"), ("单位", 5, "类别"), ("单位", 6, "机关工委代码"), ("单位", 7, "派驻纪检监察组代码"),
            ("单位", 8, "名称"), ("单位", 9, "名称"),
            ("人员", 3, "用户名"), ("人员", 4, "单位代码"), ("人员", 5, "角色"), ("人员", 6, "角色"), ("人员", 7, "电子邮箱"), ("人员", 8, "单位代码"),
            ("人员", 9, "用户名"), ("人员", 10, "姓名"),
        ], errors.Select(e => (e.Sheet, e.Row, e.Column)).ToList());
        string Message(string sheet, int row) => errors.Single(e => e.Sheet == sheet && e.Row == row).Message;
        Assert.Equal("“单位”表第3行“代码”：单位代码“ERA”与第2行重复。", Message("单位", 3));
        Assert.Contains("类别“局”无效", Message("单位", 5));
        Assert.Contains("单位代码“NOPE”不存在", Message("单位", 6));
        Assert.Contains("是报告单位，不是纪检监察组", Message("单位", 7));
        Assert.Contains("不能超过100个字", Message("单位", 8));
        Assert.Contains("“市科协”已被单位“KX”使用", Message("单位", 9));
        Assert.Contains("与第2行重复", Message("人员", 3));
        Assert.Contains("角色“局长”无效", Message("人员", 5));
        Assert.Contains("三员分立", Message("人员", 6));
        Assert.Contains("格式不正确", Message("人员", 7));
        Assert.Contains("只能分配到报告单位", Message("人员", 8));
        Assert.Contains("管理员账号不能通过导入修改", Message("人员", 9));

        // All or nothing: the good rows were not written either.
        Assert.Equal(before, await OrganisationSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task A_unit_cannot_change_kind_under_its_reports_and_members_nor_report_to_itself()
    {
        var before = await OrganisationSnapshot.TakeAsync(app);
        var errors = await ErrorsAsync(await ImportAsync(OrganisationBook.Write(
        [
            ["KX", "市科协", "纪检监察组", null, null],
            ["SELF", "自己监督自己的局", "报告单位", "SELF", "JJ1"],
        ], [])));
        Assert.Equal([("单位", 2, "类别"), ("单位", 2, "类别"), ("单位", 3, "机关工委代码")], errors.Select(e => (e.Sheet, e.Row, e.Column)).ToList());
        Assert.Contains(errors, e => e.Message.Contains("已有报告，不能更改类别"));
        Assert.Contains(errors, e => e.Message.Contains("drafter.kexie") && e.Message.Contains("的角色与类别不符"));
        Assert.Contains("“自己监督自己的局”（SELF）是报告单位，不是机关工委。", errors[2].Message);
        Assert.Equal(before, await OrganisationSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task A_formula_is_its_cells_error_and_a_sheet_without_the_headers_is_refused_as_a_whole()
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("单位");
        for (var c = 0; c < OrganisationBook.UnitHeader.Length; c++) sheet.Cell(1, c + 1).SetValue(OrganisationBook.UnitHeader[c]);
        sheet.Cell(2, 1).SetValue("FX");
        sheet.Cell(2, 2).FormulaA1 = "\"公式\"&\"局\"";
        sheet.Cell(2, 3).SetValue("纪检监察组");
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        var errors = await ErrorsAsync(await ImportAsync(stream.ToArray()));
        Assert.Equal([("单位", 2, "名称", "“单位”表第2行“名称”：不支持公式，请粘贴为数值。")], errors);

        var noHeader = await ImportAsync(Spreadsheets.Sheet(["问题描述"], ["某问题"]));
        var problem = await noHeader.AssertProblemAsync(HttpStatusCode.BadRequest, "import-no-header");
        Assert.Contains("单位", problem.Title);
        var missingColumn = await ImportAsync(RemoveColumn(OrganisationBook.Write([], [["x.y", "某人", "KX", "起草人", "x@example.gov.cn"]]), "人员", 5));
        Assert.Contains("缺少列“电子邮箱”", (await missingColumn.AssertProblemAsync(HttpStatusCode.BadRequest, "import-no-header")).Title);
    }

    private static byte[] RemoveColumn(byte[] xlsx, string sheetName, int column)
    {
        using var book = new XLWorkbook(new MemoryStream(xlsx));
        book.Worksheet(sheetName).Column(column).Delete();
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    // HostileXlsx names its one sheet 台账; the organisation import reads the sheet named 单位.
    private static byte[] AsUnitsSheet(Action<TextWriter> sheet) =>
        HostileXlsx.Workbook(sheet, parts: new Dictionary<string, string>
        {
            ["xl/workbook.xml"] = HostileXlsx.Part(HostileXlsx.Workbook(sheet), "xl/workbook.xml").Replace("name=\"台账\"", "name=\"单位\""),
        });

    private static string UnitHeaderCells() =>
        string.Concat(OrganisationBook.UnitHeader.Select((h, i) => HostileXlsx.Text($"{(char)('A' + i)}1", h)));

    public static TheoryData<string, string> HostileFiles => new()
    {
        { "value in row 1048576", "file-too-large-sheet" },
        { "value in row 5001", "file-too-large-sheet" },
        { "zip bomb, 500 MB declared", "file-package-too-large" },
        { "100000 zip entries", "file-package-too-large" },
        { "billion laughs", "import-not-xlsx" },
        { "a PDF renamed .xlsx", "import-not-xlsx" },
        { "one byte over 10 MB", "file-too-large" },
    };

    private static byte[] Hostile(string name) => name switch
    {
        "value in row 1048576" => AsUnitsSheet(HostileXlsx.Sheet($"<row r=\"1\">{UnitHeaderCells()}</row><row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>")),
        "value in row 5001" => AsUnitsSheet(HostileXlsx.Sheet($"<row r=\"1\">{UnitHeaderCells()}</row><row r=\"5001\"><c r=\"A5001\"><v>1</v></c></row>")),
        "zip bomb, 500 MB declared" => HostileXlsx.WithDeclaredSize(AsUnitsSheet(HostileXlsx.Sheet($"<row r=\"1\">{UnitHeaderCells()}</row>")),
            HostileXlsx.SheetPath, 500u * 1024 * 1024),
        "100000 zip entries" => HostileXlsx.ManyEntries(100_000),
        "billion laughs" => HostileXlsx.Workbook(HostileXlsx.Sheet(""), parts: new Dictionary<string, string>
        {
            ["xl/workbook.xml"] = HostileXlsx.WithBillionLaughs(HostileXlsx.Part(HostileXlsx.Workbook(HostileXlsx.Sheet("")), "xl/workbook.xml"))
                .Replace("name=\"台账\"", "name=\"&lol9;\""),
        }),
        "a PDF renamed .xlsx" => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\n%%EOF"),
        "one byte over 10 MB" => new byte[10 * 1024 * 1024 + 1],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_hostile_workbook_gets_the_same_answer_as_at_the_ledger_import(string what, string code)
    {
        var before = await OrganisationSnapshot.TakeAsync(app);
        var response = await ImportAsync(Hostile(what));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        if (code == "file-too-large-sheet") Assert.Equal("表格超过5000行（或30列），请分批导入。", problem.Title);
        Assert.Equal(before, await OrganisationSnapshot.TakeAsync(app));
        // The app is still there and serves the next request.
        await (await app.SharedClientAsync("admin")).GetAsync("/api/admin/organisation/template").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("drafter.kexie")]
    [InlineData("secretary.haishi")]
    [InlineData("inspector.team1")]
    [InlineData("committee.gongwei")]
    public async Task Only_the_system_administrator_may_import_or_export_and_others_are_refused_before_the_file_is_read(string userName)
    {
        var client = await app.SharedClientAsync(userName);
        // Garbage: had it been read, the answer would be 400 import-not-xlsx.
        await (await client.PostAsync(Import, OrganisationBook.Form("not a workbook"u8.ToArray()))).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync("/api/admin/organisation/export")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync("/api/admin/organisation/template")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var anonymous = app.CreateClient();
        await (await anonymous.GetAsync("/api/admin/organisation/export")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_page_offers_template_and_export_shows_errors_beside_the_file_and_says_new_accounts_have_no_password()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var page = await admin.GetDecodedPageAsync("/Admin/Organisation");
        Assert.Contains("导入不会删除任何数据", page);
        Assert.Contains("每张表不超过 5000 行", page);
        var template = await admin.GetAsync("/Admin/Organisation?handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal(new[] { "单位", "人员", "说明" }, OrganisationBook.Read(await template.Content.ReadAsByteArrayAsync()).Keys.ToArray());
        var export = await admin.GetAsync("/Admin/Organisation?handler=Export");
        Assert.Contains(OrganisationBook.Read(await export.Content.ReadAsByteArrayAsync())["单位"], r => r[0] == "HSFY");

        var refused = await PageSession.RefusedAsync(await admin.PostMultipartAsync("/Admin/Organisation",
            OrganisationBook.Form(OrganisationBook.Write([["PG1", "页面局", "报告单位", "GW", "NOPE"]], []), "ImportFile")));
        Assert.Equal("有1处不符合要求，未导入任何单位和人员，请按下表修改后重新导入。", PageSession.FieldError(refused, "ImportFile"));
        Assert.Contains("<td data-label=\"行号\">第2行</td>", refused);
        Assert.Contains("“单位”表第2行“派驻纪检监察组代码”：单位代码“NOPE”不存在", refused);

        var done = await PageSession.RefusedAsync(await admin.PostMultipartAsync("/Admin/Organisation",
            OrganisationBook.Form(OrganisationBook.Write([["PG1", "页面局", "报告单位", "GW", "JJ2"]],
                [["pg.one", "页面干部", "PG1", "起草人", "pg.one@example.gov.cn"]]), "ImportFile")));
        Assert.Contains("新建单位 1 个，修改单位 0 个；新建人员 1 名，修改人员 0 名。", done);
        Assert.Contains("新建的 1 个账号还没有密码，暂不能登录：请安全保密管理员为他们设置初始密码。", done);

        using var drafter = await PageSession.SignInAsync(app, "drafter.kexie");
        Assert.NotEqual(HttpStatusCode.OK, (await drafter.GetAsync("/Admin/Organisation")).StatusCode);
    }
}

/// <summary>The same import on PostgreSQL: the realistic organisation in one transaction, and the round trip.</summary>
[Collection(PostgresAppCollection.Name)]
public sealed class PostgresOrganisationImportTests(PostgresAppFactory app)
{
    [Fact]
    public async Task A_realistic_organisation_imports_and_its_export_imports_again_without_a_change()
    {
        var admin = await app.SharedClientAsync("admin");
        var (units, users) = OrganisationBook.Realistic("PQ");
        var first = await admin.PostAsync("/api/admin/organisation/import", OrganisationBook.Form(OrganisationBook.Write(units, users)))
            .ExpectAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal((30, 200), (first.GetProperty("unitsCreated").GetInt32(), first.GetProperty("usersCreated").GetInt32()));

        var export = await (await admin.GetAsync("/api/admin/organisation/export")).Content.ReadAsByteArrayAsync();
        var before = await OrganisationSnapshot.TakeAsync(app);
        var again = await admin.PostAsync("/api/admin/organisation/import", OrganisationBook.Form(export)).ExpectAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("unitsUpdated").GetInt32() + again.GetProperty("usersUpdated").GetInt32()
                        + again.GetProperty("unitsCreated").GetInt32() + again.GetProperty("usersCreated").GetInt32());
        Assert.Equal(before, await OrganisationSnapshot.TakeAsync(app));
    }
}
