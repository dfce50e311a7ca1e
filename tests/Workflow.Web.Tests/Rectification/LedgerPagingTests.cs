using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Rectification;

/// <summary>
/// The ledger a page at a time, on a unit with 120 special-check and 7 inspection items: the API's page and pageSize with
/// X-Total-Count, and the page's pager keeping filters, sort and page size in its links.
/// </summary>
public sealed class LedgerPagingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int SpecialChecks = 120;
    private const int Inspections = 7;

    /// <summary>Imports the items once for the class, as the unit's secretary would from Excel.</summary>
    private Task<string> SeedAsync() => app.OnceAsync("ledger-paging", async () =>
    {
        var secretary = await app.SharedClientAsync("secretary.kexie");
        await ImportAsync(secretary, "专项检查", Enumerable.Range(1, SpecialChecks).Select(n => $"分页测试：专项检查第{n:000}项"));
        await ImportAsync(secretary, "巡视巡察", Enumerable.Range(1, Inspections).Select(n => $"分页测试：巡察反馈第{n}项"));
        var ledger = await JsonAsync(await secretary.GetAsync("/api/rectifications?source=SpecialCheck"));
        return ledger[0].GetProperty("unitId").GetGuid().ToString();
    });

    private static async Task ImportAsync(HttpClient client, string source, IEnumerable<string> problems)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("台账");
        sheet.Cell(1, 1).SetValue("问题描述");
        sheet.Cell(1, 2).SetValue("完成时限");
        var row = 2;
        foreach (var problem in problems)
        {
            sheet.Cell(row, 1).SetValue(problem);
            sheet.Cell(row, 2).SetValue($"2027-{1 + row % 12:00}-{1 + row % 28:00}");
            row++;
        }
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", "台账.xlsx");
        var response = await client.PostAsync($"/api/rectifications/import?source={Uri.EscapeDataString(source)}", form);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The codes of one answer of GET /api/rectifications, and its X-Total-Count.</summary>
    private static async Task<(List<string> Codes, int Total)> PageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/rectifications?" + query);
        var items = await JsonAsync(response);
        Assert.True(response.Headers.TryGetValues("X-Total-Count", out var total), $"{query}: no X-Total-Count");
        return (items.EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList(), int.Parse(total.Single()));
    }

    private static async Task ExpectPageAsync(HttpClient client, string query, IEnumerable<string> codes, int total)
    {
        var page = await PageAsync(client, query);
        Assert.Equal(codes, page.Codes);
        Assert.Equal(total, page.Total);
    }

    [Fact]
    public async Task The_api_returns_the_requested_page_after_sorting_with_the_filtered_total_in_a_header()
    {
        await SeedAsync();
        var drafter = await app.SharedClientAsync("drafter.kexie");
        var (all, allTotal) = await PageAsync(drafter, "unit=KX&source=SpecialCheck&sort=code&desc=true");
        Assert.Equal((SpecialChecks, SpecialChecks), (all.Count, allTotal));
        Assert.Equal(all.OrderByDescending(c => c, StringComparer.Ordinal), all);

        await ExpectPageAsync(drafter, "unit=KX&source=SpecialCheck&sort=code&desc=true&page=1&pageSize=50", all[..50], SpecialChecks);
        await ExpectPageAsync(drafter, "unit=KX&source=SpecialCheck&sort=code&desc=true&page=2", all[50..100], SpecialChecks);
        await ExpectPageAsync(drafter, "unit=KX&source=SpecialCheck&sort=code&desc=true&page=3&pageSize=50", all[100..], SpecialChecks);
        await ExpectPageAsync(drafter, "unit=KX&source=SpecialCheck&sort=code&desc=true&page=4&pageSize=50", [], SpecialChecks);
        await ExpectPageAsync(drafter, "unit=KX&source=SpecialCheck&sort=code&desc=true&pageSize=200", all, SpecialChecks);

        // Another filter, another total; the second page of five holds the last two.
        var inspections = await PageAsync(drafter, "source=Inspection&sort=code");
        Assert.Equal(Inspections, inspections.Total);
        await ExpectPageAsync(drafter, "source=Inspection&sort=code&page=2&pageSize=5", inspections.Codes[5..], Inspections);
    }

    [Theory]
    [InlineData("pageSize=0", "page-size-invalid", "pageSize")]
    [InlineData("pageSize=201", "page-size-invalid", "pageSize")]
    [InlineData("page=1&pageSize=abc", "page-size-invalid", "pageSize")]
    [InlineData("pageSize=-5", "page-size-invalid", "pageSize")]
    [InlineData("page=0", "page-invalid", "page")]
    [InlineData("page=-1&pageSize=20", "page-invalid", "page")]
    [InlineData("page=二", "page-invalid", "page")]
    public async Task A_bad_page_or_page_size_is_a_400_problem_naming_the_parameter(string query, string code, string field)
    {
        var drafter = await app.SharedClientAsync("drafter.kexie");
        var response = await drafter.GetAsync("/api/rectifications?source=SpecialCheck&" + query);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.Contains(field == "page" ? "页码" : "每页条数", problem.Title);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, body.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_page_page_size_and_the_total_header()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var list = document.RootElement.GetProperty("paths").GetProperty("/api/rectifications").GetProperty("get");
        var parameters = list.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        foreach (var name in new[] { "page", "pageSize" })
        {
            Assert.Equal("integer", parameters[name].GetProperty("schema").GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(parameters[name].GetProperty("description").GetString()), name);
        }
        Assert.Equal("200", parameters["pageSize"].GetProperty("schema").GetProperty("maximum").GetRawText());
        Assert.True(list.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("X-Total-Count", out _));
    }

    private static List<string> Codes(string html) => Regex.Matches(html, "data-code=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    private static string Link(string html, string id) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<a [^>]*href=\"([^\"]+)\"[^>]*id=\"{id}\"").Groups[1].Value);

    [Fact]
    public async Task The_ledger_page_shows_fifty_rows_a_page_and_its_pager_keeps_filters_sort_and_page_size()
    {
        var unitId = await SeedAsync();
        var all = (await PageAsync(await app.SharedClientAsync("inspector.team1"), $"unit={unitId}&source=SpecialCheck&sort=code&desc=true")).Codes;
        using var inspector = await PageSession.SignInAsync(app, "inspector.team1");

        var filtered = $"/Rectifications?unit={unitId}&source=SpecialCheck&sort=code&desc=true";
        var first = await inspector.GetPageAsync(filtered);
        Assert.Equal(all[..50], Codes(first));
        Assert.Contains("共 120 条，第 1/3 页", first);
        Assert.Contains("（120 项）", first);
        Assert.Contains("<span class=\"btn small disabled\">上一页</span>", first);
        Assert.Equal(filtered + "&page=2", Link(first, "pager-next"));
        Assert.Contains("<input type=\"hidden\" name=\"desc\" value=\"true\" />", first);
        Assert.DoesNotMatch(@"</nav>\s*}", first);

        var last = await inspector.GetPageAsync(filtered + "&page=3");
        Assert.Equal(all[100..], Codes(last));
        Assert.Contains("共 120 条，第 3/3 页", last);
        Assert.Equal(filtered + "&page=2", Link(last, "pager-prev"));
        Assert.Contains("<span class=\"btn small disabled\">下一页</span>", last);
        Assert.Contains("<span class=\"btn small current\" aria-current=\"page\">3</span>", last);

        // Past the end (a bookmark, or fewer items since): the last page.
        var beyond = await inspector.GetPageAsync(filtered + "&page=99");
        Assert.Equal(all[100..], Codes(beyond));
        Assert.Contains("共 120 条，第 3/3 页", beyond);

        // Twenty a page: the size is chosen in the filter form and travels with every pager link; sorting starts again at page 1.
        var small = await inspector.GetPageAsync(filtered + "&pageSize=20&page=4");
        Assert.Equal(all[60..80], Codes(small));
        Assert.Contains("共 120 条，第 4/6 页", small);
        Assert.Matches("<option value=\"20\" selected=\"selected\">20 条</option>", small);
        Assert.Equal(filtered + "&pageSize=20&page=5", Link(small, "pager-next"));
        Assert.Equal(filtered + "&pageSize=20&page=3", Link(small, "pager-prev"));
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(filtered + "&pageSize=20&page=6")}\">6</a>", small);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode($"/Rectifications?unit={unitId}&source=SpecialCheck&sort=code&pageSize=20")}\"", small);
        Assert.Equal(all[80..100], Codes(await inspector.GetPageAsync(Link(small, "pager-next"))));

        // A size the select does not offer falls back to fifty.
        Assert.Equal(all[..50], Codes(await inspector.GetPageAsync(filtered + "&pageSize=7")));

        // The export takes everything that matches, whatever page is shown.
        var exportLink = Link(small, "btn-export");
        Assert.DoesNotContain("page", exportLink);
        var export = await inspector.GetAsync(exportLink);
        using var book = new XLWorkbook(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet("整改台账");
        Assert.Equal(SpecialChecks, sheet.LastRowUsed()!.RowNumber() - 1);
    }
}
