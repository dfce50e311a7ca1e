using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Security;
using Workflow.Host.Seeding;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Admin.AdminPages;

namespace Workflow.Web.Tests.Security;

/// <summary>The security audit log through the app: admin actions and downloads are recorded with who, from where and with what; the auditor reads, filters and exports it, and nobody can change it.</summary>
public sealed class AuditLogTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Agent = "AuditTest/1.0 (审计测试)";

    [Fact]
    public async Task An_admin_action_is_recorded_with_the_acting_account_and_his_user_agent()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        admin.Client.DefaultRequestHeaders.UserAgent.ParseAdd("AuditTest/1.0");
        await CreateUnitAsync(admin, UnitForm("市审计测试局", "SJCS", "Agency", DemoSeeder.Committee, DemoSeeder.Team1));
        await CreateUserAsync(admin, "drafter.audited", "Drafter", DemoSeeder.Kexie, "Audited@2026");

        var unit = await LatestAsync(SecurityEventKind.UnitChanged, e => e.Detail!.Contains("市审计测试局"));
        Assert.Equal(("admin", true, "AuditTest/1.0"), (unit.Account, unit.Succeeded, unit.UserAgent));
        Assert.Contains("新建单位“市审计测试局”（SJCS，报告单位）", unit.Detail);
        var account = await LatestAsync(SecurityEventKind.AccountCreated, e => e.Subject == "drafter.audited");
        Assert.Equal(("admin", "角色：起草人；单位：市科协"), (account.Account, account.Detail));
    }

    [Fact]
    public async Task Requeuing_a_failed_mail_is_recorded()
    {
        long id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var mail = new Workflow.Host.Mail.OutboxMessage($"audit-test-{Guid.NewGuid():N}", "nobody@example.gov.cn", "无人", "【待办】审计测试",
                "<p>测试</p>", "测试", app.Clock.GetUtcNow());
            mail.MarkFailed("550 unknown mailbox");
            db.Outbox.Add(mail);
            await db.SaveChangesAsync();
            id = mail.Id;
        }
        using var admin = await PageSession.SignInAsync(app, "admin");

        var response = await admin.PostFormToAsync($"/Admin/OutboxMessage/{id}", $"/Admin/OutboxMessage/{id}?handler=Requeue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = await LatestAsync(SecurityEventKind.OutboxRequeued, e => e.Detail!.StartsWith($"邮件 {id}（"));
        Assert.Equal(("admin", "邮件 " + id + "（nobody@example.gov.cn，【待办】审计测试）重新加入发送队列"), (entry.Account, entry.Detail));
    }

    [Fact]
    public async Task An_evidence_download_is_recorded_for_the_account_that_downloaded_it()
    {
        var drafter = await app.SharedClientAsync("drafter.kexie");
        var item = await JsonAsync(await drafter.PostJsonAsync("/api/rectifications", new { problem = "审计测试：佐证下载", ownerUserName = "drafter.kexie" }),
            HttpStatusCode.Created);
        var url = $"/api/rectifications/{item.GetProperty("id").GetGuid()}";
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent("%PDF-1.7 审计"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", "下载审计.pdf");
        var evidence = await JsonAsync(await drafter.PostAsync(url + "/evidence", form), HttpStatusCode.Created);

        var download = await drafter.GetAsync(evidence.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);

        var entry = await LatestAsync(SecurityEventKind.EvidenceDownloaded, e => e.Detail!.Contains("下载审计.pdf"));
        Assert.Equal(("drafter.kexie", true), (entry.Account, entry.Succeeded));
    }

    [Fact]
    public async Task The_auditor_filters_the_log_newest_first_and_pages_it()
    {
        // A refusal of secadmin to filter for.
        var secadmin = await app.SharedClientAsync("secadmin");
        Assert.Equal(HttpStatusCode.Forbidden, (await secadmin.GetAsync("/api/reports")).StatusCode);
        var auditor = await app.SharedClientAsync("auditor");

        var response = await auditor.GetAsync("/api/audit?account=secadmin&kind=PermissionDenied&result=failure&from=2026-11-25&to=2026-11-25");
        var rows = await JsonAsync(response);
        Assert.True(rows.GetArrayLength() >= 1);
        Assert.Equal(rows.GetArrayLength().ToString(), response.Headers.GetValues("X-Total-Count").Single());
        foreach (var row in rows.EnumerateArray())
            Assert.Equal(("secadmin", "PermissionDenied", "越权访问被拒绝", false),
                (row.GetProperty("account").GetString(), row.GetProperty("kind").GetString(), row.GetProperty("kindName").GetString(),
                    row.GetProperty("succeeded").GetBoolean()));
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("detail").GetString() == "GET /api/reports");

        // Another day in China time holds none of them; the newest comes first; a page of one.
        Assert.Equal(0, (await JsonAsync(await auditor.GetAsync("/api/audit?account=secadmin&from=2026-11-26"))).GetArrayLength());
        var all = await JsonAsync(await auditor.GetAsync("/api/audit?pageSize=200"));
        var times = all.EnumerateArray().Select(r => r.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal(1, (await JsonAsync(await auditor.GetAsync("/api/audit?page=2&pageSize=1"))).GetArrayLength());
        // A page far past the end (page × size beyond a 32-bit count) is an empty page, not an error.
        var far = await auditor.GetAsync($"/api/audit?page={int.MaxValue}&pageSize=200");
        Assert.Equal(HttpStatusCode.OK, far.StatusCode);
        Assert.Equal(0, (await JsonAsync(far)).GetArrayLength());
    }

    [Theory]
    [InlineData("kind=Deleted", "audit-kind-invalid", "kind")]
    [InlineData("kind=3", "audit-kind-invalid", "kind")]
    [InlineData("result=maybe", "audit-result-invalid", "result")]
    [InlineData("from=2026-13-01", "date-invalid", "from")]
    [InlineData("from=2026-11-26&to=2026-11-25", "date-range-invalid", "to")]
    [InlineData("pageSize=201", "page-size-invalid", "pageSize")]
    [InlineData("page=0", "page-invalid", "page")]
    public async Task A_bad_filter_is_a_400_naming_its_field(string query, string code, string field)
    {
        var auditor = await app.SharedClientAsync("auditor");
        var problem = await (await auditor.GetAsync($"/api/audit?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.True(ApiContract.ContainsChinese(problem.Title));
        var json = await JsonAsync(await auditor.GetAsync($"/api/audit?{query}"), HttpStatusCode.BadRequest);
        Assert.Equal(field, json.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_export_holds_the_filtered_rows_in_chinese_and_is_itself_recorded()
    {
        var secadmin = await app.SharedClientAsync("secadmin");
        await secadmin.GetAsync("/api/inbox");
        var auditor = await app.SharedClientAsync("auditor");
        var expected = (await JsonAsync(await auditor.GetAsync("/api/audit?account=secadmin&kind=PermissionDenied&pageSize=200"))).GetArrayLength();

        var response = await auditor.GetAsync("/api/audit/export?account=secadmin&kind=PermissionDenied");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = book.Worksheet("安全审计日志");
        Assert.Equal(["序号", "时间（北京时间）", "事件", "结果", "账号", "对象", "详情", "客户端地址", "浏览器标识"],
            Enumerable.Range(1, 9).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(expected, sheet.LastRowUsed().RowNumber() - 1);
        Assert.Equal(("越权访问被拒绝", "失败", "secadmin"), (sheet.Cell(2, 3).GetString(), sheet.Cell(2, 4).GetString(), sheet.Cell(2, 5).GetString()));

        var exported = await LatestAsync(SecurityEventKind.AuditLogExported, _ => true);
        Assert.Equal(("auditor", true), (exported.Account, exported.Succeeded));
        Assert.Equal($"账号 secadmin，事件 越权访问被拒绝：{expected}条", exported.Detail);
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task Nobody_can_change_or_delete_entries_through_the_app(string method)
    {
        var before = await CountAsync();
        foreach (var user in new[] { "auditor", "admin", "secadmin" })
        {
            var client = await app.SharedClientAsync(user);
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/audit")
            {
                Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            });
            Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.Forbidden, $"{user} {method}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.True(await CountAsync() >= before);
        Assert.Equal(0, await CountAsync(e => e.Kind == nameof(SecurityEventKind.AuditLogPurged)));
    }

    [Fact]
    public async Task The_auditor_page_shows_labels_filters_and_an_error_beside_a_bad_date()
    {
        var secadmin = await app.SharedClientAsync("secadmin");
        await secadmin.GetAsync("/api/rectifications");
        using var auditor = await PageSession.SignInAsync(app, "auditor");

        var html = await auditor.GetDecodedPageAsync("/Audit?Account=secadmin&Kind=PermissionDenied&Result=failure");
        Assert.Contains("<h1>安全审计日志</h1>", html);
        Assert.Contains("<td data-label=\"详情\">GET /api/rectifications</td>", html);
        Assert.Contains("<td data-label=\"事件\">越权访问被拒绝</td>", html);
        Assert.DoesNotContain("data-succeeded=\"true\"", html);
        Assert.Contains("href=\"/Audit?Account=secadmin&amp;Kind=PermissionDenied&amp;Result=failure&amp;handler=Export\"",
            await auditor.GetPageAsync("/Audit?Account=secadmin&Kind=PermissionDenied&Result=failure"));

        var refused = await auditor.GetDecodedPageAsync("/Audit?From=2026-02-30");
        Assert.Equal("日期格式应为 yyyy-MM-dd（2000–2100年）。", PageSession.FieldError(refused, "From"));
        var export = await auditor.GetAsync("/Audit?Account=secadmin&handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
    }

    private async Task<SecurityAuditEntry> LatestAsync(SecurityEventKind kind, Func<SecurityAuditEntry, bool> match)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var name = kind.ToString();
        var rows = await db.SecurityAudit.AsNoTracking().Where(e => e.Kind == name).OrderByDescending(e => e.Id).ToListAsync();
        return rows.First(match);
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<SecurityAuditEntry, bool>>? match = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.SecurityAudit.CountAsync(match ?? (_ => true));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
