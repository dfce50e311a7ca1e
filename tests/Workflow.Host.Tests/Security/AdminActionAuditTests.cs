using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Calendar;
using Workflow.Host.Admin;
using Workflow.Host.Calendar;
using Workflow.Host.Cycles;
using Workflow.Host.Data;
using Workflow.Host.Reminders;
using Workflow.Host.Security;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests.Security;

/// <summary>Every administrator action of the 系统管理员's use cases leaves its entry in the security audit log.</summary>
public sealed class AdminActionAuditTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Route_calendar_cycle_unit_and_account_changes_are_recorded()
    {
        await using (var scope = fixture.Scope())
        {
            var sp = scope.ServiceProvider;
            var admin = sp.GetRequiredService<AdminService>();
            var latest = await admin.LatestRouteAsync();
            Assert.True((await admin.PublishRouteVersionAsync(latest.Version, latest.Steps.Select(s => (int?)(s.TimeLimitWorkingDays + 1)).ToList())).Succeeded);
            Assert.True((await admin.CreateUnitAsync(new UnitInput("审计测试委", "SJW", Workflow.Activities.Organization.UnitKind.Committee, null, null))).Succeeded);
            var calendar = sp.GetRequiredService<CalendarStore>();
            await calendar.AddAsync(new DateOnly(2027, 10, 9), DayKind.MakeUpWorkday, "国庆节调休");
            await calendar.ChangeAsync(new DateOnly(2027, 10, 9), DayKind.MakeUpWorkday, "国庆节调休上班");
            await calendar.RemoveAsync(new DateOnly(2027, 10, 9));
            await sp.GetRequiredService<CycleService>().OpenAsync("2040年度", 2040, new DateOnly(2041, 1, 31), [DemoSeeder.Kexie], "system");
            var drafter = (await admin.ListUsersAsync()).Single(u => u.UserName == "drafter.kexie");
            Assert.True((await admin.UpdateUserAsync(drafter.Id, new UserAssignment("王丽", drafter.Email, null, drafter.UnitId))).Succeeded);
        }

        var rows = await fixture.ReadAsync(db => db.SecurityAudit.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        string Detail(SecurityEventKind kind, int skip = 0) => rows.Where(e => e.Kind == kind.ToString()).Skip(skip).First().Detail!;
        Assert.StartsWith($"在 v{1} 基础上发布新版本", Detail(SecurityEventKind.RoutePublished));
        Assert.Equal("新建单位“审计测试委”（SJW，机关工委）", Detail(SecurityEventKind.UnitChanged));
        Assert.Equal("新增 2027-10-09 调休上班 国庆节调休", Detail(SecurityEventKind.CalendarEdited));
        Assert.Equal("修改 2027-10-09 调休上班 国庆节调休上班", Detail(SecurityEventKind.CalendarEdited, 1));
        Assert.Equal("删除 2027-10-09 调休上班 国庆节调休上班", Detail(SecurityEventKind.CalendarEdited, 2));
        Assert.Equal("开启报告周期“2040年度”（2040年度，截止2041-01-31，1个单位）", Detail(SecurityEventKind.CycleChanged));
        var updated = rows.Single(e => e.Kind == nameof(SecurityEventKind.AccountUpdated));
        Assert.Equal("drafter.kexie", updated.Account);
        Assert.StartsWith("姓名：王丽（市科协办公室） → 王丽；", updated.Detail);
        Assert.All(rows, e => Assert.True(e.Succeeded));
    }
}
