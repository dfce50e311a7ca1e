using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Host.Admin;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests.Admin;

/// <summary>The rules of unit and account administration, checked on the service itself.</summary>
public sealed class AdminServiceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Password = "Good@Pass1";

    private async Task<T> WithAdminAsync<T>(Func<AdminService, Task<T>> action)
    {
        await using var scope = fixture.Scope();
        return await action(scope.ServiceProvider.GetRequiredService<AdminService>());
    }

    private static Dictionary<string, string> ByField(AdminResult result) =>
        result.Errors.ToDictionary(e => e.Field, e => e.Message);

    [Fact]
    public async Task A_unit_form_gets_every_problem_back_at_once()
    {
        var result = await WithAdminAsync(a => a.CreateUnitAsync(new UnitInput("市科协", " kx ", UnitKind.Agency, null, null)));

        Assert.False(result.Succeeded);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Name"] = "已有名为“市科协”的单位。",
            ["Code"] = "单位代码“KX”已被“市科协”使用。",
            ["SupervisorId"] = "报告单位必须选择所属机关工委。",
            ["InspectionTeamId"] = "报告单位必须选择派驻纪检监察组。",
        }, ByField(result));
    }

    [Fact]
    public async Task An_agency_must_report_to_a_committee_and_a_team_of_the_right_kind()
    {
        var result = await WithAdminAsync(a => a.CreateUnitAsync(
            new UnitInput("市文联", "WL", UnitKind.Agency, DemoSeeder.Team1, DemoSeeder.Committee)));

        Assert.Equal("所选单位不是机关工委。", ByField(result)["SupervisorId"]);
        Assert.Equal("所选单位不是纪检监察组。", ByField(result)["InspectionTeamId"]);
        Assert.Equal("单位代码只能由英文字母和数字组成，最多20位。",
            ByField(await WithAdminAsync(a => a.CreateUnitAsync(new UnitInput("市侨联", "QL-1", UnitKind.Committee, null, null))))["Code"]);
    }

    [Fact]
    public async Task A_team_or_committee_reports_to_nobody_whatever_the_form_says()
    {
        var result = await WithAdminAsync(a => a.CreateUnitAsync(
            new UnitInput("派驻第三纪检监察组", "jj3", UnitKind.InspectionTeam, DemoSeeder.Committee, DemoSeeder.Team1)));

        Assert.True(result.Succeeded);
        var team = (await WithAdminAsync(a => a.ListUnitsAsync())).Single(u => u.Code == "JJ3");
        Assert.Equal((UnitKind.InspectionTeam, (Guid?)null, (Guid?)null), (team.Kind, team.SupervisorId, team.InspectionTeamId));
    }

    [Fact]
    public async Task A_unit_changes_kind_only_while_nothing_depends_on_its_old_kind()
    {
        var blocked = await WithAdminAsync(a => a.UpdateUnitAsync(DemoSeeder.Haishi,
            new UnitInput("市海事法院", "HSFY", UnitKind.Committee, null, null)));
        Assert.Equal("不能更改单位类型：该单位已有1份报告；该单位有2名用户的角色与新类型不符，请先调整这些用户。", ByField(blocked)["Kind"]);

        var committee = await WithAdminAsync(a => a.UpdateUnitAsync(DemoSeeder.Committee,
            new UnitInput("市直机关工委", "GW", UnitKind.InspectionTeam, null, null)));
        Assert.StartsWith("不能更改单位类型：该单位是7个报告单位的机关工委；", ByField(committee)["Kind"]);

        Assert.True((await WithAdminAsync(a => a.CreateUnitAsync(new UnitInput("临时工作组", "LS", UnitKind.InspectionTeam, null, null)))).Succeeded);
        var id = (await WithAdminAsync(a => a.ListUnitsAsync())).Single(u => u.Code == "LS").Id;
        var changed = await WithAdminAsync(a => a.UpdateUnitAsync(id,
            new UnitInput("临时报告单位", "LSBG", UnitKind.Agency, DemoSeeder.Committee, DemoSeeder.Team2)));
        Assert.True(changed.Succeeded, string.Join(" ", changed.Errors));
        var unit = await WithAdminAsync(a => a.GetUnitAsync(id));
        Assert.Equal(("临时报告单位", "LSBG", UnitKind.Agency, "派驻第二纪检监察组"), (unit.Name, unit.Code, unit.Kind, unit.InspectionTeamName));
    }

    [Theory]
    [InlineData(RoleNames.Drafter, "KX", null)]
    [InlineData(RoleNames.PartySecretary, "STHJ", null)]
    [InlineData(RoleNames.DisciplineInspector, "JJ1", null)]
    [InlineData(RoleNames.Committee, "GW", null)]
    [InlineData(RoleNames.Drafter, "GW", "角色“起草人”只能分配到报告单位，所选单位“市直机关工委”是机关工委。")]
    [InlineData(RoleNames.PartySecretary, "JJ2", "角色“党组书记”只能分配到报告单位，所选单位“派驻第二纪检监察组”是纪检监察组。")]
    [InlineData(RoleNames.DisciplineInspector, "HSFY", "角色“纪检监察组”只能分配到纪检监察组，所选单位“市海事法院”是报告单位。")]
    [InlineData(RoleNames.Committee, "JJ1", "角色“市直机关工委”只能分配到机关工委，所选单位“派驻第一纪检监察组”是纪检监察组。")]
    [InlineData(RoleNames.Drafter, null, "请选择所属单位。")]
    public async Task A_role_goes_only_to_a_unit_of_its_kind(string role, string? unitCode, string? refusal)
    {
        var units = await WithAdminAsync(a => a.ListUnitsAsync());
        var unitId = unitCode is null ? (Guid?)null : units.Single(u => u.Code == unitCode).Id;
        var userName = $"fit.{role}.{unitCode ?? "none"}".ToLowerInvariant();

        var result = await WithAdminAsync(a => a.CreateUserAsync(
            new NewUserInput(userName, "测试", $"{userName}@example.gov.cn", role, unitId, Password)));

        if (refusal is null)
        {
            Assert.True(result.Succeeded, string.Join(" ", result.Errors));
            var row = (await WithAdminAsync(a => a.ListUsersAsync())).Single(u => u.UserName == userName);
            Assert.Equal([role], row.Roles);
            Assert.Equal(unitId, row.UnitId);
        }
        else
        {
            Assert.Equal(refusal, ByField(result)["UnitId"]);
            Assert.DoesNotContain(await WithAdminAsync(a => a.ListUsersAsync()), u => u.UserName == userName);
        }
    }

    [Fact]
    public async Task A_new_account_needs_a_free_user_name_a_mail_address_and_a_strong_password()
    {
        var result = await WithAdminAsync(a => a.CreateUserAsync(
            new NewUserInput("DRAFTER.KEXIE", " ", "not-an-address", "Boss", DemoSeeder.Kexie, "short")));

        Assert.Equal(new Dictionary<string, string>
        {
            ["UserName"] = "用户名“DRAFTER.KEXIE”已被使用。",
            ["DisplayName"] = "请填写姓名。",
            ["Email"] = "电子邮箱格式不正确。",
            ["Role"] = "角色无效。",
            ["Password"] = "密码至少需要10位。密码须包含大写字母、小写字母、数字、特殊字符（如 @ # !）中的至少3类。",
        }, ByField(result));
        Assert.Equal("用户名只能由英文字母、数字和 - . _ @ + 组成，最多64位。", ByField(await WithAdminAsync(a => a.CreateUserAsync(
            new NewUserInput("王丽", "王丽", "wangli@example.gov.cn", RoleNames.Drafter, DemoSeeder.Kexie, Password))))["UserName"]);
    }

    [Theory]
    [InlineData(RoleNames.Admin)]
    [InlineData(RoleNames.SecurityAdmin)]
    [InlineData(RoleNames.Auditor)]
    public async Task The_system_admin_cannot_create_an_administrator_account(string role)
    {
        var userName = $"new.{role}".ToLowerInvariant();
        var result = await WithAdminAsync(a => a.CreateUserAsync(
            new NewUserInput(userName, "管理员", $"{userName}@example.gov.cn", role, null, Password)));

        Assert.Equal("系统管理员只能创建业务账号；管理员角色由安全保密管理员分配。", ByField(result)["Role"]);
        Assert.DoesNotContain(await WithAdminAsync(a => a.ListUsersAsync()), u => u.UserName == userName);
    }

    [Fact]
    public async Task The_system_admin_edits_name_mail_and_unit_but_never_the_role_of_an_existing_account()
    {
        Assert.True((await WithAdminAsync(a => a.CreateUserAsync(
            new NewUserInput("role.changer", "换岗", "role.changer@example.gov.cn", RoleNames.DisciplineInspector, DemoSeeder.Team2, Password)))).Succeeded);
        var changer = (await WithAdminAsync(a => a.ListUsersAsync())).Single(u => u.UserName == "role.changer");
        var admin = (await WithAdminAsync(a => a.ListUsersAsync())).Single(u => u.UserName == "admin");

        var promoted = await WithAdminAsync(a => a.UpdateUserAsync(changer.Id,
            new UserAssignment("换岗", "role.changer@example.gov.cn", RoleNames.Committee, DemoSeeder.Committee)));
        Assert.Equal("系统管理员不能修改已有账号的角色，请联系安全保密管理员。", ByField(promoted)["Role"]);
        var demoted = await WithAdminAsync(a => a.UpdateUserAsync(admin.Id,
            new UserAssignment(admin.DisplayName, admin.Email, RoleNames.Auditor, null)));
        Assert.Equal("系统管理员不能修改已有账号的角色，请联系安全保密管理员。", ByField(demoted)["Role"]);

        var moved = await WithAdminAsync(a => a.UpdateUserAsync(changer.Id,
            new UserAssignment("换岗后", "new@example.gov.cn", null, DemoSeeder.Team1)));

        Assert.True(moved.Succeeded, string.Join(" ", moved.Errors));
        var row = (await WithAdminAsync(a => a.ListUsersAsync())).Single(u => u.UserName == "role.changer");
        Assert.Equal([RoleNames.DisciplineInspector], row.Roles);
        Assert.Equal((DemoSeeder.Team1, "换岗后", "new@example.gov.cn"), (row.UnitId, row.DisplayName, row.Email));
        Assert.Equal([RoleNames.Admin], (await WithAdminAsync(a => a.ListUsersAsync())).Single(u => u.UserName == "admin").Roles);
    }

    [Fact]
    public async Task Resetting_the_password_of_a_locked_account_unlocks_it()
    {
        Assert.True((await WithAdminAsync(a => a.CreateUserAsync(
            new NewUserInput("locked.out", "锁定", "locked.out@example.gov.cn", RoleNames.Drafter, DemoSeeder.Shengtai, Password)))).Succeeded);
        var id = (await WithAdminAsync(a => a.ListUsersAsync())).Single(u => u.UserName == "locked.out").Id;
        await using (var scope = fixture.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(id))!;
            for (var i = 0; i < 5; i++) await users.AccessFailedAsync(user);
        }
        Assert.True((await WithAdminAsync(a => a.GetUserAsync(id))).IsLockedOut);

        var weak = await WithAdminAsync(a => a.ResetPasswordAsync(id, "alllowercase"));
        Assert.Contains("密码须包含大写字母、小写字母、数字、特殊字符（如 @ # !）中的至少3类。", ByField(weak)["Password"]);
        Assert.True((await WithAdminAsync(a => a.GetUserAsync(id))).IsLockedOut);

        Assert.True((await WithAdminAsync(a => a.ResetPasswordAsync(id, "Fresh@Pass2"))).Succeeded);

        Assert.False((await WithAdminAsync(a => a.GetUserAsync(id))).IsLockedOut);
        await using var check = fixture.Scope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var reloaded = (await manager.FindByIdAsync(id))!;
        Assert.True(await manager.CheckPasswordAsync(reloaded, "Fresh@Pass2"));
        Assert.Equal(0, reloaded.AccessFailedCount);
    }
}
