using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Workflow.Host.Rectification;
using Workflow.Tests.Shared;
using Workflow.Web.Tests.Admin;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Rectification;

/// <summary>The ledger pages with cookie sessions: requirements from a review, extraction, scoping, messages beside fields.</summary>
public sealed class RectificationPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string ReportIdIn(string html, string unitName) =>
        Regex.Match(html, $$"""href="/Reports/Details/([0-9a-f-]{36})"[^<]*</a>(?:</div>)?</td>\s*<td data-label="单位">{{unitName}}</td>""").Groups[1].Value;

    private static string ItemIdFor(string html, string problem) =>
        Regex.Match(html, $$"""href="/Rectifications/Details/([0-9a-f-]{36})">[^<]+</a></td>(?:(?!</tr>).)*?{{Regex.Escape(problem)}}""",
            RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public async Task A_requirement_added_while_returning_appears_in_the_units_ledger_and_the_closure_form_explains_what_is_missing()
    {
        using var inspector = await PageSession.SignInAsync(app, "inspector.team2");
        var reportId = ReportIdIn(await inspector.GetDecodedPageAsync("/Reports"), "市海事法院");
        Assert.NotEmpty(reportId);
        var details = await inspector.GetDecodedPageAsync($"/Reports/Details/{reportId}");
        Assert.Contains("return-requirements", details);
        await inspector.FollowAsync(await inspector.PostFormAsync($"/Reports/Details/{reportId}?handler=Return",
            ("Comment", "请完善整改措施。"), ("Requirements", "页面测试：整改措施缺少完成时限\n\n页面测试：问题查摆不深")), $"/Reports/Details/{reportId}");

        Assert.Contains("页面测试：问题查摆不深", await inspector.GetDecodedPageAsync($"/Reports/Details/{reportId}"));
        using var drafter = await PageSession.SignInAsync(app, "drafter.haishi");
        var ledger = await drafter.GetDecodedPageAsync("/Rectifications");
        Assert.Contains("整改台账", ledger);
        Assert.Contains("页面测试：整改措施缺少完成时限", ledger);
        Assert.Contains("页面测试：问题查摆不深", ledger);
        Assert.DoesNotContain("<th><a href=\"/Rectifications?sort=unit", ledger);
        var itemId = ItemIdFor(ledger, "页面测试：整改措施缺少完成时限");
        var url = $"/Rectifications/Details/{itemId}";
        var page = await drafter.GetDecodedPageAsync(url);
        Assert.Contains("审核意见（纪检监察组）", page);
        await drafter.FollowAsync(await drafter.PostFormAsync(url + "?handler=Start", new(), url), url);
        var refused = await PageSession.RefusedAsync(await drafter.PostFormAsync(url + "?handler=RequestClosure",
            new() { ["Comment"] = "" }, url));
        Assert.Matches("""<span class="field-error" id="error-request-closure">申请销号须上传至少一份佐证材料或填写整改情况说明。</span>""", refused);
        Assert.Matches("""<details class="panel" id="panel-request-closure" open""", refused);

        // Another agency's drafter: the item does not exist for him.
        using var outsider = await PageSession.SignInAsync(app, "drafter.kexie");
        var response = await outsider.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/NotFound", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain("页面测试：整改措施缺少完成时限", await outsider.GetDecodedPageAsync("/Rectifications"));
    }

    [Fact]
    public async Task Problems_extracted_from_a_report_are_reviewed_and_confirmed_into_the_ledger()
    {
        using var drafter = await PageSession.SignInAsync(app, "drafter.shengtai");
        var reportId = ReportIdIn(await drafter.GetDecodedPageAsync("/Reports"), "生态环境局");
        Assert.Contains($"/Rectifications/Extract/{reportId}", await drafter.GetDecodedPageAsync($"/Reports/Details/{reportId}"));
        var url = $"/Rectifications/Extract/{reportId}";
        var page = await drafter.GetDecodedPageAsync(url);
        Assert.Equal(3, Regex.Matches(page, "class=\"card proposal on\"").Count);
        Assert.Contains("理论学习的系统性还不够强", page);
        Assert.Contains("问题 1 → “下一步”第 1 条整改措施", page);

        var refused = await PageSession.RefusedAsync(await drafter.PostFormAsync(url,
            ("Proposals[0].Selected", "true"), ("Proposals[0].Problem", " "), ("Proposals[0].Measures", "")));
        Assert.Equal("请填写问题描述，或取消勾选此项。", PageSession.FieldError(refused, "Proposals[0].Problem"));

        var ledger = await drafter.FollowAsync(await drafter.PostFormAsync(url,
            ("Proposals[0].Selected", "true"), ("Proposals[0].Problem", "提取测试：理论学习系统性不强"), ("Proposals[0].Measures", "完善中心组学习制度"),
            ("Proposals[0].OwnerUserName", "drafter.shengtai"), ("Proposals[0].Deadline", "2027-06-30"),
            ("Proposals[1].Selected", "false"), ("Proposals[1].Problem", "不要这一条")), "/Rectifications");
        Assert.Contains("提取测试：理论学习系统性不强", ledger);
        Assert.DoesNotContain("不要这一条", ledger);
        Assert.Contains("已从报告生成1项整改事项。", ledger);
    }

    [Fact]
    public async Task The_extract_page_says_why_measures_are_not_paired_and_which_admission_lists_nothing()
    {
        var reportId = await ExtractTexts.DraftAsync(app, ExtractTexts.Unpaired);
        using var drafter = await PageSession.SignInAsync(app, "drafter.haishi");
        var page = await drafter.GetDecodedPageAsync($"/Rectifications/Extract/{reportId}");

        Assert.Equal(3, Regex.Matches(page, "class=\"card proposal on\"").Count);
        Assert.Contains("“存在的问题”一节中找到 3 个逐条列出的问题", page);
        Assert.Contains("“下一步”部分列出了 2 条措施，与 3 个问题数量不一致，系统没有按序号对应", page);
        Assert.Contains("<li>建立对派出法庭的常态化监督机制。</li>", page);
        Assert.DoesNotContain("class=\"pairing\"", page);
        Assert.Matches("""<textarea id="measures-0" name="Proposals\[0\].Measures"></textarea>""", page);
        Assert.Contains("<blockquote>在基层党建方面，虽然取得了一些成绩，但在党建与业务融合创新等方面还有一定不足。</blockquote>", page);
        Assert.DoesNotContain("建立整改台账", page);

        using var outsider = await PageSession.SignInAsync(app, "drafter.kexie");
        var response = await outsider.Client.GetAsync($"/Rectifications/Extract/{reportId}");
        Assert.Equal("/NotFound", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Reviewers_see_every_covered_unit_filter_by_unit_export_what_they_see_and_read_the_summary_chart()
    {
        using var kexie = await PageSession.SignInAsync(app, "drafter.kexie");
        var created = await kexie.PostFormAsync("/Rectifications/Create",
            ("Input.Source", "SpecialCheck"), ("Input.Problem", "汇总测试：公务接待台账不全"), ("Input.Deadline", "2026-11-28"),
            ("Input.OwnerUserName", "drafter.kexie"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var blank = await PageSession.RefusedAsync(await kexie.PostFormAsync("/Rectifications/Create", ("Input.Problem", "")));
        Assert.Equal("请填写问题描述。", PageSession.FieldError(blank, "Input.Problem"));

        using var inspector = await PageSession.SignInAsync(app, "inspector.team1");
        var ledger = await inspector.GetDecodedPageAsync("/Rectifications");
        Assert.Contains("name=\"unit\"", ledger);
        Assert.Matches("""data-light="Yellow">(?:(?!</tr>).)*汇总测试：公务接待台账不全""", Regex.Replace(ledger, @"\s+", " "));

        var export = await inspector.Client.GetAsync("/Rectifications?handler=Export&source=SpecialCheck");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var book = new XLWorkbook(new MemoryStream(await export.Content.ReadAsByteArrayAsync())))
        {
            var sheet = book.Worksheet("整改台账");
            Assert.Contains(Enumerable.Range(2, sheet.LastRowUsed().RowNumber() - 1), r => sheet.Cell(r, 5).GetString() == "汇总测试：公务接待台账不全");
            Assert.All(Enumerable.Range(2, sheet.LastRowUsed().RowNumber() - 1), r => Assert.Equal("专项检查", sheet.Cell(r, 4).GetString()));
        }

        var summary = await inspector.GetDecodedPageAsync("/Rectifications/Summary");
        Assert.Contains("<svg class=\"chart\" id=\"summary-chart\"", summary);
        Assert.Contains("data-unit=\"市科协\"", summary);
        Assert.Contains("data-unit=\"生态环境局\"", summary);
        Assert.DoesNotContain("data-unit=\"市海事法院\"", summary);

        using var admin = await PageSession.SignInAsync(app, "admin");
        Assert.DoesNotContain("nav-rectifications", await admin.GetDecodedPageAsync("/Admin/Users"));
        Assert.Contains("nav-rectifications", await kexie.GetDecodedPageAsync("/Rectifications"));
    }

    [Fact]
    public async Task The_secretarys_inbox_points_to_the_closures_waiting_for_him_and_the_ledger_filters_them()
    {
        using var secretary = await PageSession.SignInAsync(app, "secretary.renda");
        var inbox = await secretary.GetDecodedPageAsync("/Inbox");
        // The closure waits in the secretary's 待办 as a row of its own, linking to the item.
        Assert.Single(Regex.Matches(inbox, """<tr data-kind="item-closure" data-urgency="\w*">\s*<td data-label="事项"><div>\s*<a href="/Rectifications/Details/[^"]+">RDJG-2026-002 """));
        var waiting = await secretary.GetDecodedPageAsync("/Rectifications?awaitingMe=true");
        Assert.Equal(["RDJG-2026-002"], Regex.Matches(waiting, "data-code=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Contains("RDJG-2026-001", await secretary.GetDecodedPageAsync("/Rectifications"));

        using var drafter = await PageSession.SignInAsync(app, "drafter.renda");
        Assert.DoesNotContain("data-kind=\"item-closure\"", await drafter.GetDecodedPageAsync("/Inbox"));
        Assert.DoesNotContain("data-code=", await drafter.GetDecodedPageAsync("/Rectifications?awaitingMe=true"));
    }

    private static async Task<HttpResponseMessage> PostFileAsync(PageSession session, string formUrl, string postUrl, string field, string fileName,
        byte[] bytes, Dictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields ?? []) form.Add(new StringContent(value), key);
        form.Add(new ByteArrayContent(bytes), field, fileName);
        return await session.PostMultipartAsync(formUrl, form, postUrl);
    }

    [Fact]
    public async Task An_unassigned_item_is_grey_in_the_ledger_waits_in_the_secretarys_inbox_and_its_evidence_shows_name_type_and_size()
    {
        using var drafter = await PageSession.SignInAsync(app, "drafter.renda");
        var created = await drafter.PostFormAsync("/Rectifications/Create", ("Input.Source", "SpecialCheck"), ("Input.Problem", "真实台账测试：会议记录不规范"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = PageSession.RedirectPath(created);
        var ledger = Regex.Replace(await drafter.GetDecodedPageAsync("/Rectifications"), @"\s+", " ");
        Assert.Matches("""data-light="Unassigned"> <td data-label="红绿灯"><span class="light light-grey" title="灰：待指定负责人和期限">待指定</span>(?:(?!</tr>).)*真实台账测试：会议记录不规范""", ledger);
        var uploaded = await PostFileAsync(drafter, url, url + "?handler=Evidence", "EvidenceFile", "整改台账.pdf",
            [.. "%PDF-1.5\n"u8, .. new byte[1_258_291], .. "%%EOF"u8]);
        var page = await drafter.FollowAsync(uploaded, url);
        Assert.Contains("""<span class="light light-grey" title="灰：待指定负责人和期限" id="item-light">灰：待指定负责人和期限</span>""", page);
        Assert.Matches("""<li data-file="整改台账.pdf"><a [^>]+>整改台账.pdf</a>\s*<span class="evidence-facts">· PDF · 1.2 MB</span>""", page);
        // The hash is there for whoever checks a file, folded away in a disclosure, not in the line users read.
        Assert.Matches("""<details class="evidence-hash"><summary>校验信息</summary><span class="muted">SHA-256：</span><code>[0-9a-f]{64}</code></details>""", page);

        using var secretary = await PageSession.SignInAsync(app, "secretary.renda");
        var inbox = Regex.Replace(await secretary.GetDecodedPageAsync("/Inbox"), @"\s+", " ");
        Assert.Matches($$"""<tr data-kind="item-to-assign" data-urgency=""> <td data-label="事项"><div> <a href="{{Regex.Escape(url)}}">RDJG-\d{4}-\d{3} 真实台账测试：会议记录不规范</a> </div></td> <td data-label="类型">待指定负责人和期限</td> <td data-label="单位">市人大常委会机关</td> <td data-label="状态">待指定负责人和期限</td>""", inbox);
        Assert.DoesNotContain("真实台账测试：会议记录不规范", await drafter.GetDecodedPageAsync("/Inbox"));

        // Not found names what was not found: another unit's item, a missing report, a page that is not there.
        using var outsider = await PageSession.SignInAsync(app, "drafter.kexie");
        Assert.Equal("/NotFound", PageSession.RedirectPath(await outsider.GetAsync(url)));
        Assert.Contains("<p id=\"not-found-message\">整改事项不存在或您无权查看。", await outsider.GetDecodedPageAsync("/NotFound"));
        Assert.Equal("/NotFound", PageSession.RedirectPath(await outsider.GetAsync($"/Reports/Details/{Guid.NewGuid()}")));
        Assert.Contains("<p id=\"not-found-message\">报告不存在或您无权查看。", await outsider.GetDecodedPageAsync("/NotFound"));
        Assert.Equal("/NotFound", PageSession.RedirectPath(await outsider.GetAsync("/no-such-page")));
        Assert.Contains("<p id=\"not-found-message\">页面不存在或您无权查看。", await outsider.GetDecodedPageAsync("/NotFound"));
    }

    [Fact]
    public void A_unit_without_items_has_no_close_out_rate_rather_than_zero_percent()
    {
        Assert.Equal("—", LedgerDisplay.CloseOut(new UnitSummary(Guid.NewGuid(), "生态环境局", 0, 0, 0, 0, 0)));
        Assert.Equal("—", LedgerDisplay.Rate(0, 0));
        Assert.Equal("3/8（37.5%）", LedgerDisplay.CloseOut(new UnitSummary(Guid.NewGuid(), "市科协", 8, 3, 1, 0, 0)));
        Assert.Equal("0%", LedgerDisplay.Rate(2, 0));
    }

    [Fact]
    public async Task The_import_page_states_its_limits_and_explains_a_sheet_past_them_and_formula_rows()
    {
        using var drafter = await PageSession.SignInAsync(app, "drafter.renda");
        Assert.Contains("表格不超过 5000 行、30 列", await drafter.GetDecodedPageAsync("/Rectifications/Import"));
        var tooLarge = await PageSession.RefusedAsync(await PostFileAsync(drafter, "/Rectifications/Import", "/Rectifications/Import", "ImportFile",
            "台账.xlsx", HostileXlsx.Workbook(HostileXlsx.Sheet(HostileXlsx.HeaderRow() + "<row r=\"5001\"><c r=\"A5001\"><v>1</v></c></row>")),
            new() { ["Source"] = "Inspection" }));
        Assert.Equal("表格超过5000行（或30列），请分批导入。", PageSession.FieldError(tooLarge, "ImportFile"));
        var formulas = await PageSession.RefusedAsync(await PostFileAsync(drafter, "/Rectifications/Import", "/Rectifications/Import", "ImportFile",
            "台账.xlsx", HostileXlsx.FormulaChain(3), new() { ["Source"] = "Inspection" }));
        Assert.Contains("<td>第2行</td><td>第2行：不支持公式，请粘贴为数值。</td>", formulas);
    }

    [Fact]
    public async Task Bad_uploads_are_explained_beside_the_file_field_and_leave_the_ledger_untouched()
    {
        using var secretary = await PageSession.SignInAsync(app, "secretary.haishi");
        using (var book = new XLWorkbook())
        {
            var sheet = book.Worksheets.Add("台账");
            sheet.Cell(1, 1).SetValue("序号");
            sheet.Cell(1, 2).SetValue("问题描述");
            sheet.Cell(1, 3).SetValue("责任人");
            sheet.Cell(2, 1).SetValue("1");
            sheet.Cell(2, 2).SetValue("页面导入：合规的一行");
            sheet.Cell(3, 1).SetValue("2");
            sheet.Cell(3, 2).SetValue("页面导入：责任人不存在");
            sheet.Cell(3, 3).SetValue("查无此人");
            using var stream = new MemoryStream();
            book.SaveAs(stream);
            var page = await PageSession.RefusedAsync(await PostFileAsync(secretary, "/Rectifications/Import", "/Rectifications/Import",
                "ImportFile", "台账.xlsx", stream.ToArray(), new() { ["Source"] = "Inspection" }));
            Assert.Contains("有1行不符合要求，未导入任何事项", page);
            Assert.Contains("<td>第3行</td><td>责任人“查无此人”不是市海事法院的用户。</td>", page);
        }
        var notExcel = await PageSession.RefusedAsync(await PostFileAsync(secretary, "/Rectifications/Import", "/Rectifications/Import",
            "ImportFile", "台账.xlsx", "not a workbook"u8.ToArray()));
        Assert.StartsWith("文件不是有效的 Excel（.xlsx）文件", PageSession.FieldError(notExcel, "ImportFile"));
        Assert.DoesNotContain("页面导入：合规的一行", await secretary.GetDecodedPageAsync("/Rectifications"));

        var created = await secretary.PostFormAsync("/Rectifications/Create",
            ("Input.Source", "Other"), ("Input.Problem", "页面上传测试"), ("Input.OwnerUserName", "secretary.haishi"));
        var url = created.Headers.Location!.OriginalString;
        var refused = await PageSession.RefusedAsync(await PostFileAsync(secretary, url, url + "?handler=Evidence", "EvidenceFile", "整改报告.pdf",
            "MZ\u0090伪装的程序"u8.ToArray()));
        Assert.Matches("<span class=\"field-error\" id=\"evidence-error\">只能上传PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG文件", refused);
        Assert.Contains("id=\"evidence-empty\"", refused);
        var uploaded = await PostFileAsync(secretary, url, url + "?handler=Evidence", "EvidenceFile", "整改报告.pdf", "%PDF-1.5\n%%EOF"u8.ToArray());
        var after = await secretary.FollowAsync(uploaded, url);
        Assert.Contains("佐证材料已上传。", after);
        var link = Regex.Match(after, "href=\"(/Rectifications/Details/[^\"]+handler=Evidence[^\"]+)\"").Groups[1].Value;
        var download = await secretary.Client.GetAsync(link);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        using var outsider = await PageSession.SignInAsync(app, "drafter.kexie");
        var refusedDownload = await outsider.Client.GetAsync(link);
        Assert.Equal((HttpStatusCode.Redirect, "/NotFound"), (refusedDownload.StatusCode, refusedDownload.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task The_uploader_deletes_a_wrong_file_from_the_item_page()
    {
        using var secretary = await PageSession.SignInAsync(app, "secretary.renda");
        var created = await secretary.PostFormAsync("/Rectifications/Create",
            ("Input.Source", "Other"), ("Input.Problem", "页面删除佐证测试"), ("Input.OwnerUserName", "secretary.renda"));
        var url = created.Headers.Location!.OriginalString;
        var after = await secretary.FollowAsync(
            await PostFileAsync(secretary, url, url + "?handler=Evidence", "EvidenceFile", "错传的文件.pdf", "%PDF-1.5\n%%EOF"u8.ToArray()), url);
        var fileId = Regex.Match(after, "fileId=([0-9a-f-]{36})&handler=RemoveEvidence").Groups[1].Value;
        Assert.NotEmpty(fileId);

        // Another user of the unit sees the file but is not offered 删除, and a forged post changes nothing.
        using var drafter = await PageSession.SignInAsync(app, "drafter.renda");
        var theirs = await drafter.GetPageAsync(url);
        Assert.Contains("错传的文件.pdf", theirs);
        Assert.DoesNotContain("handler=RemoveEvidence", theirs);
        var forged = await PageSession.RefusedAsync(await drafter.PostFormToAsync(url, $"{url}?handler=RemoveEvidence&fileId={fileId}"));
        Assert.Matches("id=\"errors\"[^>]*>(?:(?!</div>).)*只能删除自己上传的佐证材料。", forged);
        Assert.Contains("错传的文件.pdf", forged);

        var removed = await secretary.FollowAsync(await secretary.PostFormToAsync(url, $"{url}?handler=RemoveEvidence&fileId={fileId}"), url);
        Assert.Contains("已删除佐证材料。", removed);
        Assert.Contains("id=\"evidence-empty\"", removed);
        Assert.Contains("删除佐证材料", removed);
    }
}
