using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Rectification;

/// <summary>The ledger API as a client sees it: fixed JSON names, the whole close-out loop, problem+json errors, files.</summary>
public sealed class RectificationsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await JsonAsync(response, expected);
    }

    private static MultipartFormDataContent FileForm(byte[] bytes, string name, string field = "file")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, field, name);
        return form;
    }

    private async Task<Guid> ReportOfAsync(HttpClient client, string unitName)
    {
        var reports = await JsonAsync(await client.GetAsync("/api/reports"));
        return reports.EnumerateArray().First(r => r.GetProperty("unitName").GetString() == unitName).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_reviewer_requirement_is_closed_out_through_the_api_with_rework_on_the_way()
    {
        var inspector = await app.ClientForAsync("inspector.team2");
        var drafter = await app.ClientForAsync("drafter.haishi");
        var secretary = await app.ClientForAsync("secretary.haishi");
        var reportId = await ReportOfAsync(inspector, "市海事法院");
        await JsonAsync(await inspector.PostJsonAsync($"/api/reports/{reportId}/return",
            new { comment = "请补充整改措施。", requirements = new[] { "问题清单未对应整改时限，须逐条明确" } }));

        var ledger = await JsonAsync(await drafter.GetAsync("/api/rectifications?unit=HSFY&status=NotStarted"));
        var listed = ledger.EnumerateArray().Single(i => i.GetProperty("problem").GetString() == "问题清单未对应整改时限，须逐条明确");
        foreach (var name in new[] { "id", "code", "unitName", "source", "category", "problem", "measures", "responsibleLeader",
                     "responsibleDepartment", "ownerUserName", "deadline", "status", "reworkCount", "evidence" })
            Assert.True(listed.TryGetProperty(name, out _), name);
        Assert.Equal("ReviewOpinion", listed.GetProperty("source").GetString());
        Assert.Equal(["update", "start", "upload-evidence", "mark-long-term"],
            listed.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Matches(@"^HSFY-2026-\d{3}$", listed.GetProperty("code").GetString());
        var url = $"/api/rectifications/{listed.GetProperty("id").GetGuid()}";

        var updated = await JsonAsync(await drafter.PutAsJsonAsync(url, new
        {
            problem = "问题清单未对应整改时限，须逐条明确", measures = "逐条明确时限和责任人", responsibleLeader = "周强",
            responsibleDepartment = "办公室", ownerUserName = "drafter.haishi", deadline = "2027-01-31",
        }));
        Assert.Equal(("2027-01-31", "drafter.haishi"), (updated.GetProperty("deadline").GetString(), updated.GetProperty("ownerUserName").GetString()));
        Assert.Equal("InProgress", (await JsonAsync(await drafter.PostJsonAsync(url + "/start"))).GetProperty("status").GetString());

        // Closure needs evidence or an explanation.
        var refused = await ProblemAsync(await drafter.PostJsonAsync(url + "/request-closure", new { comment = "" }), HttpStatusCode.BadRequest);
        Assert.Equal(("urn:approvalflow:problem:closure-needs-evidence", "comment"),
            (refused.GetProperty("type").GetString(), refused.GetProperty("field").GetString()));
        var evidence = await JsonAsync(await drafter.PostAsync(url + "/evidence", FileForm(Png, "会议记录.png")), HttpStatusCode.Created);
        Assert.Equal(("image/png", 16L), (evidence.GetProperty("contentType").GetString(), evidence.GetProperty("size").GetInt64()));
        Assert.Equal("ClosureRequested", (await JsonAsync(await drafter.PostJsonAsync(url + "/request-closure"))).GetProperty("status").GetString());

        // The secretary does not close a reviewer's requirement: 403. The inspector rejects: 二次整改.
        await ProblemAsync(await secretary.PostJsonAsync(url + "/approve-closure"), HttpStatusCode.Forbidden);
        await ProblemAsync(await inspector.PostJsonAsync(url + "/reject-closure", new { comment = " " }), HttpStatusCode.BadRequest);
        var rejected = await JsonAsync(await inspector.PostJsonAsync(url + "/reject-closure", new { comment = "佐证材料不足以证明整改到位" }));
        Assert.Equal(("InProgress", 1), (rejected.GetProperty("status").GetString(), rejected.GetProperty("reworkCount").GetInt32()));
        await JsonAsync(await drafter.PostJsonAsync(url + "/request-closure", new { comment = "补充了制度文件" }));
        var closed = await JsonAsync(await inspector.PostJsonAsync(url + "/approve-closure", new { comment = "同意销号" }));
        Assert.Equal(("Closed", "Grey"), (closed.GetProperty("status").GetString(), closed.GetProperty("light").GetString()));
        Assert.Equal(["Created", "Updated", "Started", "EvidenceAdded", "ClosureRequested", "ClosureRejected", "ClosureRequested", "ClosureApproved"],
            closed.GetProperty("journal").EnumerateArray().Select(j => j.GetProperty("action").GetString()));

        // Already closed: 409. Reopened by the committee (回头看).
        await ProblemAsync(await inspector.PostJsonAsync(url + "/approve-closure"), HttpStatusCode.Conflict);
        var committee = await app.ClientForAsync("committee.gongwei");
        Assert.Equal("InProgress", (await JsonAsync(await committee.PostJsonAsync(url + "/reopen", new { comment = "回头看发现反弹" })))
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_units_item_and_its_evidence_are_404_and_a_disguised_file_is_400()
    {
        var drafter = await app.ClientForAsync("drafter.kexie");
        var created = await JsonAsync(await drafter.PostJsonAsync("/api/rectifications", new
        {
            source = "巡视巡察", problem = "巡察反馈：制度执行不严格", ownerUserName = "drafter.kexie", deadline = "2027-03-31",
        }), HttpStatusCode.Created);
        Assert.Equal(("Inspection", "2027-03-31"), (created.GetProperty("source").GetString(), created.GetProperty("deadline").GetString()));
        var url = $"/api/rectifications/{created.GetProperty("id").GetGuid()}";

        var disguised = await ProblemAsync(await drafter.PostAsync(url + "/evidence", FileForm("MZ\u0090这是程序"u8.ToArray(), "整改报告.pdf")),
            HttpStatusCode.BadRequest);
        Assert.Equal("file", disguised.GetProperty("field").GetString());
        Assert.Contains("只能上传", disguised.GetProperty("title").GetString());
        var pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        var file = await JsonAsync(await drafter.PostAsync(url + "/evidence", FileForm(pdf, "整改报告.pdf")), HttpStatusCode.Created);
        var download = await drafter.GetAsync(file.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);

        var outsider = await app.ClientForAsync("drafter.shengtai");
        await ProblemAsync(await outsider.GetAsync(url), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.GetAsync(file.GetProperty("url").GetString()), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.PostJsonAsync(url + "/start"), HttpStatusCode.NotFound);
        var bad = await ProblemAsync(await drafter.PostJsonAsync("/api/rectifications", new { problem = "x", deadline = "明年" }), HttpStatusCode.BadRequest);
        Assert.Equal("deadline", bad.GetProperty("field").GetString());
        await ProblemAsync(await drafter.GetAsync("/api/rectifications?status=Done"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_item_without_owner_or_deadline_is_unassigned_and_waits_in_the_secretarys_inbox_until_assigned()
    {
        var drafter = await app.ClientForAsync("drafter.shengtai");
        var secretary = await app.ClientForAsync("secretary.shengtai");
        var created = await JsonAsync(await drafter.PostJsonAsync("/api/rectifications", new { problem = "待指定测试：谈心谈话记录不全" }),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("Unassigned", created.GetProperty("light").GetString());

        var inbox = await JsonAsync(await secretary.GetAsync("/api/inbox/rectifications"));
        var waiting = inbox.EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(("待指定负责人和期限", "负责人和期限", true, true), (waiting.GetProperty("task").GetString(),
            waiting.GetProperty("missing").GetString(), waiting.GetProperty("ownerMissing").GetBoolean(),
            waiting.GetProperty("deadlineMissing").GetBoolean()));
        Assert.Equal(created.GetProperty("code").GetString(), waiting.GetProperty("code").GetString());
        // Assigning is the secretary's: the drafter's and another unit's secretary's lists do not carry it.
        Assert.DoesNotContain((await JsonAsync(await drafter.GetAsync("/api/inbox/rectifications"))).EnumerateArray(),
            i => i.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain((await JsonAsync(await (await app.ClientForAsync("secretary.kexie")).GetAsync("/api/inbox/rectifications")))
            .EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        var owned = await JsonAsync(await secretary.PutJsonAsync($"/api/rectifications/{id}",
            new { problem = "待指定测试：谈心谈话记录不全", ownerUserName = "drafter.shengtai" }));
        Assert.Equal("Unassigned", owned.GetProperty("light").GetString());
        Assert.Equal("完成时限", (await JsonAsync(await secretary.GetAsync("/api/inbox/rectifications"))).EnumerateArray()
            .Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("missing").GetString());
        var assigned = await JsonAsync(await secretary.PutJsonAsync($"/api/rectifications/{id}",
            new { problem = "待指定测试：谈心谈话记录不全", ownerUserName = "drafter.shengtai", deadline = "2027-06-30" }));
        Assert.Equal("Green", assigned.GetProperty("light").GetString());
        Assert.DoesNotContain((await JsonAsync(await secretary.GetAsync("/api/inbox/rectifications"))).EnumerateArray(),
            i => i.GetProperty("id").GetGuid() == id);
        await ProblemAsync(await app.CreateClient().GetAsync("/api/inbox/rectifications"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_uploader_deletes_a_wrong_file_others_cannot_and_after_the_closure_request_nobody_can()
    {
        var drafter = await app.ClientForAsync("drafter.kexie");
        var created = await JsonAsync(await drafter.PostJsonAsync("/api/rectifications", new
        {
            source = "年度报告自查", problem = "自查发现：会议记录不完整", ownerUserName = "drafter.kexie", deadline = "2027-06-30",
        }), HttpStatusCode.Created);
        var url = $"/api/rectifications/{created.GetProperty("id").GetGuid()}";
        await JsonAsync(await drafter.PostJsonAsync(url + "/start"));
        var wrong = await JsonAsync(await drafter.PostAsync(url + "/evidence", FileForm(Png, "错传的照片.png")), HttpStatusCode.Created);
        var fileUrl = wrong.GetProperty("url").GetString()!;

        var outsider = await app.ClientForAsync("drafter.shengtai");
        await ProblemAsync(await outsider.DeleteAsync(fileUrl), HttpStatusCode.NotFound);
        var secretary = await app.ClientForAsync("secretary.kexie");
        var notYours = await ProblemAsync(await secretary.DeleteAsync(fileUrl), HttpStatusCode.Forbidden);
        Assert.Equal("urn:approvalflow:problem:evidence-not-yours", notYours.GetProperty("type").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await drafter.DeleteAsync(fileUrl)).StatusCode);
        await ProblemAsync(await drafter.GetAsync(fileUrl), HttpStatusCode.NotFound);
        var again = await ProblemAsync(await drafter.DeleteAsync(fileUrl), HttpStatusCode.NotFound);
        Assert.Equal("urn:approvalflow:problem:evidence-not-found", again.GetProperty("type").GetString());
        Assert.Equal(0, (await JsonAsync(await drafter.GetAsync(url))).GetProperty("evidence").GetArrayLength());

        var right = await JsonAsync(await drafter.PostAsync(url + "/evidence", FileForm(Png, "会议记录.png")), HttpStatusCode.Created);
        await JsonAsync(await drafter.PostJsonAsync(url + "/request-closure", new { comment = "已补齐会议记录。" }));
        await ProblemAsync(await drafter.DeleteAsync(right.GetProperty("url").GetString()), HttpStatusCode.Conflict);
        Assert.Equal(1, (await JsonAsync(await drafter.GetAsync(url))).GetProperty("evidence").GetArrayLength());
    }

    [Fact]
    public async Task Import_reports_bad_rows_by_number_and_export_returns_the_filtered_ledger()
    {
        var secretary = await app.ClientForAsync("secretary.renda");
        var bad = await ProblemAsync(await secretary.PostAsync("/api/rectifications/import?source=专项检查",
            FileForm(Sheet(["问题描述", "完成时限"], ["", "2027-01-01"], ["好的一行", "2027-02-30"]), "台账.xlsx")), HttpStatusCode.BadRequest);
        Assert.Equal([2, 3], bad.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()));
        var before = (await JsonAsync(await secretary.GetAsync("/api/rectifications?source=SpecialCheck"))).GetArrayLength();
        Assert.Equal(0, before);

        var good = await JsonAsync(await secretary.PostAsync("/api/rectifications/import?source=专项检查",
            FileForm(Sheet(["序号", "问题描述", "完成时限"], ["1", "专项检查发现公务用车管理不规范", "2027-02-28"]), "台账.xlsx")));
        Assert.Equal(1, good.GetProperty("imported").GetInt32());

        var export = await secretary.GetAsync("/api/rectifications/export?source=SpecialCheck");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using var book = new XLWorkbook(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet("整改台账");
        Assert.Equal("专项检查发现公务用车管理不规范", sheet.Cell(2, 5).GetString());
        Assert.True(sheet.Cell(3, 5).IsEmpty());
    }

    [Fact]
    public async Task Problems_are_proposed_from_a_report_without_storing_anything()
    {
        var drafter = await app.ClientForAsync("drafter.shengtai");
        var reportId = await ReportOfAsync(drafter, "生态环境局");
        var before = (await JsonAsync(await drafter.GetAsync("/api/rectifications"))).GetArrayLength();
        var proposals = await JsonAsync(await drafter.PostJsonAsync($"/api/reports/{reportId}/problems"));
        Assert.Equal(3, proposals.GetArrayLength());
        Assert.Equal(1, proposals[0].GetProperty("number").GetInt32());
        Assert.False(string.IsNullOrEmpty(proposals[0].GetProperty("measures").GetString()));
        Assert.Equal("Paired", proposals[0].GetProperty("pairing").GetString());
        Assert.Equal(before, (await JsonAsync(await drafter.GetAsync("/api/rectifications"))).GetArrayLength());
        var created = await JsonAsync(await drafter.PostJsonAsync("/api/rectifications", new
        {
            reportId, problem = proposals[0].GetProperty("problem").GetString(), measures = proposals[0].GetProperty("measures").GetString(),
        }), HttpStatusCode.Created);
        Assert.Equal(("SelfInspection", reportId), (created.GetProperty("source").GetString(), created.GetProperty("reportId").GetGuid()));
        var outsider = await app.ClientForAsync("drafter.kexie");
        await ProblemAsync(await outsider.PostJsonAsync($"/api/reports/{reportId}/problems"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Problems_inside_a_self_criticism_paragraph_are_proposed_and_fewer_measures_are_not_guessed()
    {
        var drafter = await app.SharedClientAsync("drafter.haishi");
        var paired = await JsonAsync(await drafter.PostJsonAsync($"/api/reports/{await ExtractTexts.DraftAsync(app, ExtractTexts.Paired)}/problems"));
        Assert.Equal(["理论学习的系统性不够，学用结合还不紧密。", "基层党组织建设不平衡，个别支部“三会一课”质量不高。", "审判执行领域廉政风险防控还存在薄弱环节。"],
            paired.EnumerateArray().Select(p => p.GetProperty("problem").GetString()));
        Assert.Equal("开展支部建设提升行动，规范“三会一课”。", paired[1].GetProperty("measures").GetString());
        Assert.All(paired.EnumerateArray(), p => Assert.Equal("Paired", p.GetProperty("pairing").GetString()));

        var unpaired = await JsonAsync(await drafter.PostJsonAsync($"/api/reports/{await ExtractTexts.DraftAsync(app, ExtractTexts.Unpaired)}/problems"));
        Assert.Equal(3, unpaired.GetArrayLength());
        Assert.Equal("干部教育培训针对性不强。", unpaired[2].GetProperty("problem").GetString());
        Assert.All(unpaired.EnumerateArray(), p => Assert.Equal(("", "CountMismatch"),
            (p.GetProperty("measures").GetString(), p.GetProperty("pairing").GetString())));
    }

    private static byte[] Sheet(params string[][] rows) => Spreadsheets.Sheet(rows);
}
