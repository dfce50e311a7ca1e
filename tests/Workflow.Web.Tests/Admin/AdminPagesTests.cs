using System.Net;
using Workflow.Host.Seeding;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Admin.AdminPages;

namespace Workflow.Web.Tests.Admin;

/// <summary>The admin sets up units and accounts through the pages; the rules hold and the new accounts work.</summary>
public sealed class AdminPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Admin_creates_an_agency_and_its_drafter_who_logs_in_and_sees_only_his_units_reports()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var unitId = await CreateUnitAsync(admin, UnitForm("市档案馆", "dag", "Agency", DemoSeeder.Committee, DemoSeeder.Team1));
        Assert.Matches("(?s)市档案馆.*DAG.*报告单位.*市直机关工委.*派驻第一纪检监察组", RowOf(await admin.GetDecodedPageAsync("/Admin/Units"), "data-code=\"DAG\""));

        await CreateUserAsync(admin, "drafter.dangan", "Drafter", unitId, "Dangan@2026");

        var drafter = await ApiClientAsync(app, "drafter.dangan", "Dangan@2026");
        Assert.Empty(await ReportsAsync(drafter));
        var created = await drafter.PostJsonAsync("/api/reports",
            new { title = "中共市档案馆党组关于2026年度落实全面从严治党主体责任情况的报告", year = 2026, body = "一、主要工作\n二、存在的问题" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var mine = await ReportsAsync(drafter);
        Assert.Equal("市档案馆", Assert.Single(mine).UnitName);

        // The team and committee chosen on the unit form now cover it; the other team does not.
        Assert.Contains(await ReportsAsync(await app.ClientForAsync("inspector.team1")), r => r.Id == mine[0].Id);
        Assert.Contains(await ReportsAsync(await app.ClientForAsync("committee.gongwei")), r => r.Id == mine[0].Id);
        Assert.DoesNotContain(await ReportsAsync(await app.ClientForAsync("inspector.team2")), r => r.Id == mine[0].Id);
    }

    // A Word export cannot hold a control character (nor PostgreSQL a NUL): refused beside the field, as in reports and ledger items.
    [Fact]
    public async Task A_unit_name_with_a_control_character_is_refused_beside_the_field()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var page = await PageSession.RefusedAsync(await admin.PostFormAsync("/Admin/Units/Create", UnitForm("市\u0001档案局", "DAJ", "Committee")));

        Assert.Equal("内容含有无法保存的字符（第2个字符，U+0001），请删除后重新提交。", PageSession.FieldError(page, "Input.Name"));
    }

    [Fact]
    public async Task Unit_form_shows_every_problem_in_chinese_beside_its_field()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var page = await PageSession.RefusedAsync(await admin.PostFormAsync("/Admin/Units/Create", UnitForm(" 市科协 ", "kx", "Agency")));

        Assert.Equal("已有名为“市科协”的单位。", PageSession.FieldError(page, "Input.Name"));
        Assert.Equal("单位代码“KX”已被“市科协”使用。", PageSession.FieldError(page, "Input.Code"));
        Assert.Equal("报告单位必须选择所属机关工委。", PageSession.FieldError(page, "Input.SupervisorId"));
        Assert.Equal("报告单位必须选择派驻纪检监察组。", PageSession.FieldError(page, "Input.InspectionTeamId"));
        Assert.Contains("value=\" 市科协 \"", page);

        var edit = await PageSession.RefusedAsync(await admin.PostFormAsync($"/Admin/Units/Edit/{DemoSeeder.Team1}",
            UnitForm("派驻第一纪检监察组", "JJ1", "Agency", DemoSeeder.Committee, DemoSeeder.Team2)));
        // Other tests add agencies and inspectors to this team, hence the patterns.
        Assert.Matches(@"^不能更改单位类型：该单位派驻监督\d+个报告单位；该单位有\d+名用户的角色与新类型不符，请先调整这些用户。$",
            PageSession.FieldError(edit, "Input.Kind"));
    }

    [Fact]
    public async Task Admin_edits_a_unit_and_the_list_shows_the_change()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var id = await CreateUnitAsync(admin, UnitForm("市地方志办", "DFZ", "Agency", DemoSeeder.Committee, DemoSeeder.Team1));

        var list = await admin.FollowAsync(await admin.PostFormAsync($"/Admin/Units/Edit/{id}",
            UnitForm("市地方志编纂办公室", "DFZB", "Agency", DemoSeeder.Committee, DemoSeeder.Team2)), "/Admin/Units");

        Assert.Contains("已保存单位“市地方志编纂办公室”。", list);
        Assert.Matches("(?s)市地方志编纂办公室.*市直机关工委.*派驻第二纪检监察组", RowOf(list, "data-code=\"DFZB\""));
    }

    [Fact]
    public async Task A_role_that_does_not_fit_the_units_kind_is_refused_with_a_chinese_message()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var form = UserForm("drafter.wrongunit", "Drafter", DemoSeeder.Committee, "Wrong@Unit1");
        form["Input.ConfirmPassword"] = "Wrong@Unit2";
        var page = await PageSession.RefusedAsync(await admin.PostFormAsync("/Admin/Users/Create", form));
        Assert.Equal("角色“起草人”只能分配到报告单位，所选单位“市直机关工委”是机关工委。", PageSession.FieldError(page, "Input.UnitId"));
        Assert.Equal("两次输入的密码不一致。", PageSession.FieldError(page, "Input.ConfirmPassword"));
        Assert.DoesNotContain("data-user=\"drafter.wrongunit\"", await admin.GetDecodedPageAsync("/Admin/Users"));

        var kexieDrafter = UserIdIn(await admin.GetDecodedPageAsync("/Admin/Users"), "drafter.kexie");
        var edit = await PageSession.RefusedAsync(await admin.PostFormAsync($"/Admin/Users/Edit/{kexieDrafter}",
            ("Input.DisplayName", "王丽（市科协办公室）"),
            ("Input.Email", "drafter.kexie@example.gov.cn"),
            ("Input.Role", "DisciplineInspector"),
            ("Input.UnitId", DemoSeeder.Kexie.ToString())));
        // 三员分立: an existing account's role is the 安全保密管理员's to change.
        Assert.Equal("系统管理员不能修改已有账号的角色，请联系安全保密管理员。", PageSession.FieldError(edit, "Input.Role"));
        Assert.Contains("<td data-label=\"角色\">起草人</td>", RowOf(await admin.GetDecodedPageAsync("/Admin/Users"), "data-user=\"drafter.kexie\""));
    }

    [Fact]
    public async Task Moving_an_inspector_to_another_team_changes_which_reports_he_sees()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var id = await CreateUserAsync(admin, "inspector.moved", "DisciplineInspector", DemoSeeder.Team2, "Moved@2026");
        var before = await ReportsAsync(await ApiClientAsync(app, "inspector.moved", "Moved@2026"));
        Assert.Contains(before, r => r.UnitName == "市海事法院");
        Assert.DoesNotContain(before, r => r.UnitName == "市科协");

        var list = await admin.FollowAsync(await admin.PostFormAsync($"/Admin/Users/Edit/{id}",
            ("Input.DisplayName", "调岗的纪检干部"),
            ("Input.Email", "inspector.moved@example.gov.cn"),
            ("Input.Role", "DisciplineInspector"),
            ("Input.UnitId", DemoSeeder.Team1.ToString())), "/Admin/Users");

        Assert.Contains("已保存用户“调岗的纪检干部”的信息。", list);
        var after = await ReportsAsync(await ApiClientAsync(app, "inspector.moved", "Moved@2026"));
        Assert.Contains(after, r => r.UnitName == "市科协");
        Assert.DoesNotContain(after, r => r.UnitName == "市海事法院");
    }

    [Fact]
    public async Task Admin_sees_every_admin_page_and_the_nav_links_to_them()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var adminId = UserIdIn(await admin.GetDecodedPageAsync("/Admin/Users"), "admin");
        foreach (var url in AdminUrls(adminId))
        {
            var html = await admin.GetDecodedPageAsync(url);
            foreach (var (href, label) in new[]
                     {
                         ("/Admin/Routes", "流程版本"), ("/Admin/Units", "单位管理"), ("/Admin/Users", "用户管理"),
                         ("/Admin/Cycles", "报告周期"), ("/Admin/Outbox", "发件箱"), ("/hangfire", "后台任务"),
                         ("/Admin/Organisation", "组织机构导入"),
                     })
                Assert.Matches($"<a href=\"{href}\"[^>]*>{label}</a>", html);
        }

        // The sign-out form in the header carries its token, so signing out works and closes the admin pages.
        var signedOut = await admin.PostFormAsync("/Account/Logout", [], formUrl: "/Admin/Routes");
        Assert.Equal("/Account/Login", signedOut.Headers.Location?.OriginalString);
        Assert.Contains("/Account/Login", (await admin.Client.GetAsync("/Admin/Users")).Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("drafter.kexie")]
    [InlineData("secretary.kexie")]
    [InlineData("inspector.team1")]
    [InlineData("committee.gongwei")]
    public async Task Non_admins_are_turned_away_from_every_admin_page(string userName)
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var adminId = UserIdIn(await admin.GetDecodedPageAsync("/Admin/Users"), "admin");
        using var user = await PageSession.SignInAsync(app, userName);

        foreach (var url in AdminUrls(adminId))
        {
            var response = await user.Client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden
                        || response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied") == true,
                $"{userName} GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        // A valid token from his own pages does not get him through either.
        var post = await user.PostFormAsync("/Admin/Users/Create", UserForm($"sneaky.{userName}", "Admin", null, "Sneaky@2026"), formUrl: "/Inbox");
        Assert.Contains("/Account/AccessDenied", post.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLoginAsync(app, $"sneaky.{userName}", "Sneaky@2026")).StatusCode);
        var publish = await user.PostFormAsync("/Admin/Routes/Publish",
            new() { ["Input.BasedOnVersion"] = "1", ["Input.TimeLimits[0]"] = "9", ["Input.TimeLimits[1]"] = "9", ["Input.TimeLimits[2]"] = "9" },
            formUrl: "/Inbox");
        Assert.Contains("/Account/AccessDenied", publish.Headers.Location?.OriginalString);
        Assert.DoesNotContain("data-version=\"2\"", await admin.GetDecodedPageAsync("/Admin/Routes"));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page()
    {
        using var anonymous = PageSession.Anonymous(app);
        foreach (var url in AdminUrls("any"))
        {
            var response = await anonymous.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location?.OriginalString);
        }
    }

    private static string[] AdminUrls(string userId) =>
    [
        "/Admin/Units", "/Admin/Units/Create", $"/Admin/Units/Edit/{DemoSeeder.Kexie}",
        "/Admin/Users", "/Admin/Users/Create", $"/Admin/Users/Edit/{userId}",
        "/Admin/Routes", "/Admin/Routes/Publish", "/Admin/Organisation",
    ];
}
