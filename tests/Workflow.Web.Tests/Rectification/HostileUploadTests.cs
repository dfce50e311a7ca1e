using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Workflow.Host.Seeding;
using Workflow.Tests.Shared;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Tests.Shared.HostileXlsx;

namespace Workflow.Web.Tests.Rectification;

/// <summary>
/// Issue 12 through the real app: no file a signed-in user uploads to the ledger import or as evidence takes the service down;
/// each is answered with a problem+json 400 and its stable code, and the next request is served.
/// </summary>
public sealed class HostileUploadTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string ImportUrl = "/api/rectifications/import?source=巡视巡察";

    private static MultipartFormDataContent FileForm(byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        return form;
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static byte[] GoodSheet(string problem) => Workbook(Sheet(HeaderRow() + "<row r=\"2\">" + Text("A2", problem) + "</row>"));

    [Fact]
    public async Task A_formula_chain_100000_deep_is_refused_row_by_row_and_the_next_import_is_served()
    {
        var drafter = await app.ClientForAsync("drafter.kexie");
        var response = await drafter.PostAsync(ImportUrl, FileForm(FormulaChain(100_000), "公式链.xlsx"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "import-rejected");
        var errors = (await BodyAsync(response)).GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(4999, errors.Count);
        Assert.Equal((2, "第2行：不支持公式，请粘贴为数值。"), (errors[0].GetProperty("row").GetInt32(), errors[0].GetProperty("message").GetString()));

        var next = await drafter.PostAsync(ImportUrl, FileForm(GoodSheet("公式链之后的正常导入"), "台账.xlsx"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1, (await BodyAsync(next)).GetProperty("imported").GetInt32());
    }

    public static TheoryData<string, string> HostileFiles => new()
    {
        { "value in row 1048576", "file-too-large-sheet" },
        { "16384 header columns", "file-too-large-sheet" },
        { "zip bomb, 500 MB declared", "file-package-too-large" },
        { "zip bomb, directory lying small", "import-not-xlsx" },
        { "100000 zip entries", "file-package-too-large" },
        { "a million shared strings, the last one used", "file-package-too-large" },
        { "truncated archive", "import-not-xlsx" },
        { "a PDF renamed .xlsx", "import-not-xlsx" },
        { "an .xls renamed .xlsx", "import-not-xlsx" },
        { "billion laughs", "import-not-xlsx" },
        { "one byte over 10 MB", "file-too-large" },
    };

    private static byte[] Hostile(string name) => name switch
    {
        "value in row 1048576" => Workbook(Sheet(HeaderRow() + "<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>")),
        "16384 header columns" => Workbook(Sheet("<row r=\"1\">" +
            string.Concat(Enumerable.Range(1, 16_384).Select(c => $"<c t=\"inlineStr\"><is><t>列{c}</t></is></c>")) + "</row>")),
        "zip bomb, 500 MB declared" => WithDeclaredSize(GoodSheet("炸弹"), SheetPath, 500u * 1024 * 1024),
        "zip bomb, directory lying small" => WithDeclaredSize(ZipBomb(100L * 1024 * 1024), SheetPath, 1024 * 1024),
        "100000 zip entries" => ManyEntries(100_000),
        "a million shared strings, the last one used" => Workbook(Sheet(HeaderRow() + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>999999</v></c></row>"),
            SharedStrings(w => { for (var i = 0; i < 1_000_000; i++) w.Write("<si><t>x</t></si>"); })),
        "truncated archive" => GoodSheet("截断")[..^30],
        "a PDF renamed .xlsx" => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\n%%EOF"),
        "an .xls renamed .xlsx" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[4088]],
        "billion laughs" => Workbook(Sheet(""), parts: new Dictionary<string, string>
        {
            [SheetPath] = WithBillionLaughs("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                                            "<sheetData>" + HeaderRow() + "<row r=\"2\">" + Text("A2", "x").Replace(">x<", ">&lol9;<") +
                                            "</row></sheetData></worksheet>"),
        }),
        "one byte over 10 MB" => new byte[10 * 1024 * 1024 + 1],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_hostile_spreadsheet_is_refused_on_the_file_field_with_its_code(string what, string code)
    {
        var drafter = await app.SharedClientAsync("drafter.kexie");
        var response = await drafter.PostAsync(ImportUrl, FileForm(Hostile(what), "台账.xlsx"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.Equal("file", (await BodyAsync(response)).GetProperty("field").GetString());
        if (code == "file-too-large-sheet") Assert.Equal("表格超过5000行（或30列），请分批导入。", problem.Title);
    }

    // The file is garbage: had it been read, the answer would be import-not-xlsx.
    [Theory]
    [InlineData("admin", null, "巡视巡察", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData("drafter.kexie", "haishi", "巡视巡察", HttpStatusCode.NotFound, "unit-not-found")]
    [InlineData("drafter.kexie", null, "审核意见", HttpStatusCode.BadRequest, "source-reviewer-only")]
    public async Task Who_may_not_import_there_is_refused_before_the_file_is_read(string user, string? unit, string source,
        HttpStatusCode status, string code)
    {
        var client = await app.SharedClientAsync(user);
        var unitId = unit is null ? "" : $"&unitId={DemoSeeder.Haishi}";
        var response = await client.PostAsync($"/api/rectifications/import?source={source}{unitId}", FileForm("not a workbook"u8.ToArray(), "台账.xlsx"));
        await response.AssertProblemAsync(status, code);
    }

    private async Task<(HttpClient Drafter, string Url)> NewItemAsync(string problem)
    {
        var drafter = await app.SharedClientAsync("drafter.kexie");
        var created = await BodyAsync(await drafter.PostJsonAsync("/api/rectifications", new { problem, ownerUserName = "drafter.kexie" })
            .ExpectAsync(HttpStatusCode.Created));
        return (drafter, $"/api/rectifications/{created.GetProperty("id").GetGuid()}");
    }

    [Theory]
    [InlineData("../", "%PDF-1.7", "evidence-name-invalid")]
    [InlineData("整改\u202Efdp.exe", "%PDF-1.7", "evidence-name-invalid")]
    [InlineData("long", "%PDF-1.7", "evidence-name-too-long")]
    [InlineData("伪装.pdf", "MZ\u0090 an executable", "evidence-type")]
    [InlineData("空.pdf", "", "evidence-empty")]
    [InlineData("大.pdf", "big", "evidence-too-large")]
    public async Task Bad_evidence_is_refused_with_its_code_and_nothing_is_recorded(string name, string content, string code)
    {
        var (drafter, url) = await NewItemAsync("佐证材料测试：" + code + name.Length);
        var bytes = content == "big" ? [.. "%PDF-"u8, .. new byte[20 * 1024 * 1024]] : Encoding.UTF8.GetBytes(content);
        var fileName = name == "long" ? new string('长', 201) + ".pdf" : name;
        var response = await drafter.PostAsync(url + "/evidence", FileForm(bytes, fileName));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.Equal(0, (await BodyAsync(await drafter.GetAsync(url))).GetProperty("evidence").GetArrayLength());
    }

    // A row whose bytes are gone (a database restored without its evidence folder) is a clear 404, never a 500.
    [Fact]
    public async Task Evidence_whose_stored_bytes_are_gone_answers_404_evidence_missing()
    {
        var (drafter, url) = await NewItemAsync("佐证材料文件丢失测试");
        var uploaded = await BodyAsync(await drafter.PostAsync(url + "/evidence", FileForm("%PDF-1.7 丢失"u8.ToArray(), "丢失.pdf"))
            .ExpectAsync(HttpStatusCode.Created));
        var sha256 = uploaded.GetProperty("sha256").GetString()!;
        File.Delete(Path.Combine(app.DataDirectory, "evidence", sha256[..2], sha256));

        var response = await drafter.GetAsync(uploaded.GetProperty("url").GetString());

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "evidence-missing");
    }
}
