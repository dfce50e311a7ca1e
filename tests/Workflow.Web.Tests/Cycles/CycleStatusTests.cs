using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Mail;
using Workflow.Host.Seeding;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Cycles;

/// <summary>
/// 报送情况 of the demo's 2026 cycle, once the admin has added a unit created later (市档案局, no report) and moved the due date
/// to 2026-11-20 (three working days before the app's 2026-11-25): what the committee and each team see, 催办 once a day, the
/// export, the admin's edit journalled and shown.
/// </summary>
public sealed partial class CycleStatusTests(AppFactory app) : IClassFixture<AppFactory>
{
    public sealed record Counts(int NotStarted, int Draft, int InReview, int Returned, int Approved, int Overdue);

    public sealed record Row(Guid UnitId, string UnitName, string UnitCode, string State, string StateName, string Where, string? Step,
        Guid? ReportId, string[] Holders, DateOnly? DueDate, int? WorkingDaysLeft, bool Overdue, string? DeadlineText, int TimesReturned,
        string? LastReturnedBy, bool MayUrge, string? UrgedTodayBy);

    public sealed record Status(CycleRef Cycle, DateOnly Today, Counts Counts, Row[] Units);

    public sealed record CycleRef(Guid Id, string Name, int Year, DateOnly DueDate);

    public sealed record Message(long Id, string Kind, string Title);

    public sealed record MessagePage(Message[] Items, int Total);

    public sealed record Urged(Guid UnitId, Guid? ReportId, string Step, DateOnly Day, string Recipients, int Mails, string UrgedBy);

    private sealed record Prepared(Guid CycleId, Guid LateUnit);

    private Task<Prepared> PrepareAsync() => app.OnceAsync("cycle-status", async () =>
    {
        using var admin = await PageSession.SignInAsync(app, DemoUnit.Admin);
        var created = await admin.PostFormAsync("/Admin/Units/Create", ("Input.Name", "市档案局"), ("Input.Code", "DAJ"), ("Input.Kind", "Agency"),
            ("Input.SupervisorId", DemoSeeder.Committee.ToString()), ("Input.InspectionTeamId", DemoSeeder.Team2.ToString()),
            ("JoinCurrentCycle", "true"));
        Assert.Equal("已新建单位“市档案局”，并加入“2026年度”报告周期。", PageSession.Flash(await admin.FollowAsync(created, "/Admin/Units")));
        Guid cycleId, unitId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            cycleId = await db.Cycles.Where(c => c.Year == 2026).Select(c => c.Id).SingleAsync();
            unitId = await db.Units.Where(u => u.Code == "DAJ").Select(u => u.Id).SingleAsync();
        }
        var edit = $"/Admin/Cycles/Edit/{cycleId}";
        var fields = FormFields(await admin.GetPageAsync(edit)).Where(f => f.Name != "Input.DueDate").Append(("Input.DueDate", "2026-11-20")).ToArray();
        Assert.Equal("/Admin/Cycles", PageSession.RedirectPath(await admin.PostFormAsync(edit, fields)));
        return new Prepared(cycleId, unitId);
    });

    [Fact]
    public async Task The_committee_sees_every_unit_with_where_it_stands_and_each_team_only_its_own()
    {
        var (cycleId, archives) = await PrepareAsync();
        var committee = await app.SharedClientAsync(DemoUnit.Committee);

        var cycles = await committee.GetAsync("/api/cycles").ExpectAsync<CycleRef[]>(HttpStatusCode.OK);
        Assert.Equal(("2026年度", new DateOnly(2026, 11, 20)), (Assert.Single(cycles).Name, cycles[0].DueDate));
        var status = await committee.GetAsync($"/api/cycles/{cycleId}/status").ExpectAsync<Status>(HttpStatusCode.OK);

        Assert.Equal(["市人大常委会机关", "市审计局", "市机关事务管理局", "市档案局", "市海事法院", "市科协", "市统计局", "生态环境局"], status.Units.Select(u => u.UnitName).Order(StringComparer.Ordinal));
        var byCode = status.Units.ToDictionary(u => u.UnitCode);
        // Created after the cycle opened, added to it, without any report: a row, late like the draft of 市科协.
        Assert.Equal(archives, byCode["DAJ"].UnitId);
        Assert.Equal(("NotStarted", "未起草", (string?)null, true, "逾期 3 个工作日"), (byCode["DAJ"].State, byCode["DAJ"].Where, byCode["DAJ"].ReportId?.ToString(), byCode["DAJ"].Overdue, byCode["DAJ"].DeadlineText));
        Assert.Equal(("Draft", true, -3, "逾期 3 个工作日"), (byCode["KX"].State, byCode["KX"].Overdue, byCode["KX"].WorkingDaysLeft, byCode["KX"].DeadlineText));
        Assert.Equal(["王丽（市科协办公室）"], byCode["KX"].Holders);
        // At a review step: the step, who holds it, its own deadline counted from the day it was entered.
        Assert.Equal(("InReview", "审核中", "DisciplineReview", "纪检监察组审核"), (byCode["HSFY"].State, byCode["HSFY"].StateName, byCode["HSFY"].Step, byCode["HSFY"].Where));
        Assert.Equal(["黄磊（派驻第二纪检监察组）"], byCode["HSFY"].Holders);
        Assert.True(byCode["HSFY"].MayUrge || byCode["HSFY"].UrgedTodayBy is not null);
        // Returned once by the team, now with the committee.
        Assert.Equal((1, "黄磊（派驻第二纪检监察组）", "CommitteeReview"), (byCode["RDJG"].TimesReturned, byCode["RDJG"].LastReturnedBy, byCode["RDJG"].Step));
        Assert.Equal(new Counts(2, 1, 4, 1, 0, status.Units.Count(u => u.Overdue)), status.Counts);

        // Team 1 covers 市科协 and 生态环境局 only; a cycle of team 2's units alone is not found for it.
        var team1 = await app.SharedClientAsync(DemoUnit.Kexie.Inspector);
        var own = await team1.GetAsync($"/api/cycles/{cycleId}/status").ExpectAsync<Status>(HttpStatusCode.OK);
        Assert.Equal(["JGSWJ", "KX", "STHJ", "TJJ"], own.Units.Select(u => u.UnitCode).Order(StringComparer.Ordinal));
        using var admin = await PageSession.SignInAsync(app, DemoUnit.Admin);
        await admin.PostFormAsync("/Admin/Cycles", ("Input.Name", "2027年度"), ("Input.Year", "2027"), ("Input.DueDate", "2028-01-28"),
            ("Input.UnitIds", DemoSeeder.Haishi.ToString()));
        var other = await committee.GetAsync("/api/cycles").ExpectAsync<CycleRef[]>(HttpStatusCode.OK);
        var cycle2027 = Assert.Single(other, c => c.Year == 2027).Id;
        Assert.DoesNotContain(await team1.GetAsync("/api/cycles").ExpectAsync<CycleRef[]>(HttpStatusCode.OK), c => c.Id == cycle2027);
        await (await team1.GetAsync($"/api/cycles/{cycle2027}/status")).AssertProblemAsync(HttpStatusCode.NotFound, "cycle-not-found");
        await (await team1.GetAsync($"/api/cycles/{cycle2027}/status.xlsx")).AssertProblemAsync(HttpStatusCode.NotFound, "cycle-not-found");

        // Drafters and secretaries follow their own report, not the cycle.
        foreach (var user in new[] { DemoUnit.Kexie.Drafter, DemoUnit.Kexie.Secretary })
        {
            var client = await app.SharedClientAsync(user);
            await (await client.GetAsync($"/api/cycles/{cycleId}/status")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await client.PostJsonAsync($"/api/cycles/{cycleId}/urge", new { unitId = DemoSeeder.Kexie })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        using var drafterPage = await PageSession.SignInAsync(app, DemoUnit.Kexie.Drafter);
        Assert.Equal(HttpStatusCode.Redirect, (await drafterPage.GetAsync($"/Cycles/{cycleId}")).StatusCode);
        Assert.DoesNotContain("/Cycles", await drafterPage.GetPageAsync("/Inbox"));
    }

    [Fact]
    public async Task Urging_a_late_unit_writes_one_mail_to_its_drafter_and_a_second_press_the_same_day_sends_nothing()
    {
        var (cycleId, _) = await PrepareAsync();
        var committee = await app.SharedClientAsync(DemoUnit.Committee);
        var before = await OutboxKeysAsync();

        var urged = await committee.PostJsonAsync($"/api/cycles/{cycleId}/urge", new { unitId = DemoSeeder.Kexie }).ExpectAsync<Urged>(HttpStatusCode.OK);

        Assert.Equal(("Submission", 1, "王丽（市科协办公室）", "马骏（市直机关工委）", new DateOnly(2026, 11, 25)), (urged.Step, urged.Mails, urged.Recipients, urged.UrgedBy, urged.Day));
        var mail = Assert.Single(await NewMailsAsync(before));
        Assert.Equal("drafter.kexie@example.gov.cn", mail.ToAddress);
        Assert.StartsWith("【催办】市科协2026年度主体责任报告尚未报送", mail.Subject);
        Assert.Contains("逾期 3 个工作日", mail.Subject);
        Assert.Contains("马骏（市直机关工委）提醒您", mail.TextBody);
        Assert.Matches("^urge:[0-9a-f]{32}/[0-9a-f]{32}:Submission:20261125:", mail.Key);
        Assert.EndsWith(await UserIdAsync("drafter.kexie"), mail.Key);
        // ... and one message in her 消息中心 (the outbox mail mirrored).
        var drafter = await app.SharedClientAsync("drafter.kexie");
        async Task<int> UrgeMessagesAsync() => (await drafter.GetAsync("/api/messages?pageSize=100").ExpectAsync<MessagePage>(HttpStatusCode.OK))
            .Items.Count(m => m.Kind == "Urge" && m.Title == mail.Subject);
        Assert.Equal(1, await UrgeMessagesAsync());

        var again = await committee.PostJsonAsync($"/api/cycles/{cycleId}/urge", new { unitId = DemoSeeder.Kexie });
        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict, "already-urged");
        Assert.StartsWith("今天已催办（马骏（市直机关工委）", problem.Title);
        Assert.Single(await NewMailsAsync(before));
        Assert.Equal(1, await UrgeMessagesAsync());
        var row = (await committee.GetAsync($"/api/cycles/{cycleId}/status").ExpectAsync<Status>(HttpStatusCode.OK)).Units.Single(u => u.UnitCode == "KX");
        Assert.Equal((false, "马骏（市直机关工委）"), (row.MayUrge, row.UrgedTodayBy));

        // A report at a review step, named by its id: its reviewers (team 2) get the mail; team 1 does not see that unit at all.
        var haishi = (await committee.GetAsync($"/api/cycles/{cycleId}/status").ExpectAsync<Status>(HttpStatusCode.OK)).Units.Single(u => u.UnitCode == "HSFY");
        var team1 = await app.SharedClientAsync(DemoUnit.Kexie.Inspector);
        await (await team1.PostJsonAsync($"/api/cycles/{cycleId}/urge", new { unitId = DemoSeeder.Haishi })).AssertProblemAsync(HttpStatusCode.NotFound, "unit-not-found");
        await (await team1.PostJsonAsync($"/api/cycles/{cycleId}/urge", new { reportId = haishi.ReportId })).AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");
        var review = await committee.PostJsonAsync($"/api/cycles/{cycleId}/urge", new { reportId = haishi.ReportId }).ExpectAsync<Urged>(HttpStatusCode.OK);
        Assert.Equal(("DisciplineReview", haishi.ReportId, "黄磊（派驻第二纪检监察组）"), (review.Step, review.ReportId, review.Recipients));
        Assert.Equal(["drafter.kexie@example.gov.cn", "inspector.team2@example.gov.cn"], (await NewMailsAsync(before)).Select(m => m.ToAddress).Order());
        await (await committee.PostJsonAsync($"/api/cycles/{cycleId}/urge", new { })).AssertProblemAsync(HttpStatusCode.BadRequest, "unit-required");
    }

    [Fact]
    public async Task The_board_page_marks_late_units_in_red_exports_the_table_and_shows_the_cycle_changes()
    {
        var (cycleId, _) = await PrepareAsync();
        using var committee = await PageSession.SignInAsync(app, DemoUnit.Committee);

        Assert.Contains("id=\"nav-cycles\"", await committee.GetDecodedPageAsync("/Cycles"));
        var html = await committee.GetDecodedPageAsync($"/Cycles/{cycleId}");
        Assert.Matches(new Regex("<tr id=\"unit-[0-9a-f]{32}\" data-unit=\"DAJ\" data-state=\"NotStarted\" class=\"late\">"), html);
        Assert.Matches(new Regex("data-unit=\"KX\" data-state=\"Draft\" class=\"late\">.*?逾期 3 个工作日", RegexOptions.Singleline), html);
        Assert.Matches(new Regex("<li><span class=\"muted\">[^<]+ · 系统管理员</span> 截止日期由2027-01-29改为2026-11-20</li>"), html);
        Assert.Contains("<li><span class=\"muted\">", html);
        Assert.Contains("加入单位：市档案局", html);
        var overdueOnly = await committee.GetDecodedPageAsync($"/Cycles/{cycleId}?overdue=true&sort=due");
        var lateRows = Regex.Matches(overdueOnly, "<tr id=\"unit-[^>]*>").Select(m => m.Value).ToList();
        Assert.True(lateRows.Count >= 3, $"{lateRows.Count} late rows");
        Assert.All(lateRows, tr => Assert.Contains("class=\"late\"", tr));

        var export = await committee.GetAsync($"/Cycles/{cycleId}?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var book = new XLWorkbook(await export.Content.ReadAsStreamAsync());
        var sheet = book.Worksheet("报送情况");
        Assert.Equal("单位", sheet.Cell(2, 2).GetString());
        var units = Enumerable.Range(3, 8).Select(r => (sheet.Cell(r, 2).GetString(), sheet.Cell(r, 3).GetString())).ToList();
        Assert.Contains(("市档案局", "未起草"), units);
        Assert.Equal(("2026-11-20", "逾期 3 个工作日"), (sheet.Cell(units.IndexOf(("市档案局", "未起草")) + 3, 7).GetString(),
            sheet.Cell(units.IndexOf(("市档案局", "未起草")) + 3, 8).GetString()));
        Assert.True(sheet.Cell(11, 2).IsEmpty());

        var api = await (await app.SharedClientAsync(DemoUnit.Committee)).GetAsync($"/api/cycles/{cycleId}/status.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", api.Content.Headers.ContentType?.MediaType);

        // The admin's table says where each unit stands and whether it is late, not 已报送 for everyone.
        using var admin = await PageSession.SignInAsync(app, DemoUnit.Admin);
        var adminPage = await admin.GetDecodedPageAsync("/Admin/Cycles");
        Assert.Matches(new Regex("市科协</td>\\s*<td data-label=\"报告状态\">草稿</td>\\s*<td data-label=\"是否逾期\"> *<span class=\"due due-overdue\">逾期 3 个工作日</span>"), adminPage);
        Assert.DoesNotContain(">已报送<", adminPage);
    }

    [Fact]
    public async Task An_edit_that_changes_nothing_journals_nothing_and_a_unit_of_another_cycle_of_the_year_is_refused()
    {
        var (cycleId, _) = await PrepareAsync();
        using var admin = await PageSession.SignInAsync(app, DemoUnit.Admin);
        var edit = $"/Admin/Cycles/Edit/{cycleId}";
        var changes = await ChangeCountAsync(cycleId);

        var same = await admin.PostFormAsync(edit, FormFields(await admin.GetPageAsync(edit)));
        Assert.Equal("没有修改任何内容。", PageSession.Flash(await admin.FollowAsync(same, "/Admin/Cycles")));
        Assert.Equal(changes, await ChangeCountAsync(cycleId));

        var none = await admin.PostFormAsync(edit, FormFields(await admin.GetPageAsync(edit)).Where(f => f.Name != "Input.UnitIds").ToArray());
        Assert.Equal("请至少选择一个报告单位。", PageSession.FieldError(await PageSession.RefusedAsync(none), "Input.UnitIds"));
        Assert.Equal(changes, await ChangeCountAsync(cycleId));
    }

    /// <summary>The fields a form posts as rendered: text, number, date and hidden inputs with their values, checked checkboxes.</summary>
    private static (string Name, string? Value)[] FormFields(string html) =>
        InputPattern().Matches(html).Select(m => m.Value)
            .Where(input => !input.Contains("type=\"checkbox\"") || input.Contains("checked"))
            .Select(input => (Attribute(input, "name"), (string?)System.Net.WebUtility.HtmlDecode(Attribute(input, "value"))))
            .Where(f => f.Item1.Length > 0 && f.Item1 != "__RequestVerificationToken")
            .ToArray();

    private static string Attribute(string input, string name) => Regex.Match(input, $"\\b{name}=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();

    private async Task<List<string>> OutboxKeysAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.Select(m => m.Key).ToListAsync();
    }

    private async Task<List<OutboxMessage>> NewMailsAsync(List<string> before)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var all = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.AsNoTracking().Where(m => m.Key.StartsWith("urge:")).ToListAsync();
        return all.Where(m => !before.Contains(m.Key)).ToList();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private async Task<int> ChangeCountAsync(Guid cycleId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().CycleChanges.CountAsync(c => c.CycleId == cycleId);
    }
}
