using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Calendar;
using Workflow.Activities.Cycles;
using Workflow.Activities.Reports;
using Workflow.Host.Cycles;
using Workflow.Host.Seeding;
using Workflow.Host.Security;

namespace Workflow.Host.Tests.Cycles;

/// <summary>
/// 催办 and cycle edits on the real database of each provider: two presses at once send one mail set, an edit is journalled
/// in words and in the security audit log, a unit created later joins the current cycle.
/// </summary>
public abstract class CycleBoardTests(HostFixture fixture)
{
    private async Task<ReportingCycle> DemoCycleDueAsync(DateOnly due)
    {
        await using var scope = fixture.Scope();
        var cycles = scope.ServiceProvider.GetRequiredService<CycleService>();
        var cycle = (await cycles.CurrentAsync())!;
        await cycles.EditAsync(cycle.Id, cycle.Name, due, cycle.Units.Select(u => u.UnitId).ToList(), cycle.Policy, "system", "系统管理员");
        return cycle;
    }

    [Fact]
    public async Task Two_presses_at_once_urge_once_and_write_one_mail()
    {
        var today = ChinaTime.Today(fixture.Clock);
        var cycle = await DemoCycleDueAsync(today.AddDays(-7));
        var committee = await fixture.UserAsync("committee.gongwei");

        async Task<string> PressAsync()
        {
            await using var scope = fixture.Scope();
            try
            {
                var done = await scope.ServiceProvider.GetRequiredService<CycleBoard>().UrgeAsync(committee, cycle.Id, DemoSeeder.Kexie);
                return $"sent {done.Mails}";
            }
            catch (WorkflowRuleException e)
            {
                return e.Code;
            }
        }

        var answers = await Task.WhenAll(PressAsync(), PressAsync());

        Assert.Equal(["already-urged", "sent 1"], answers.Order());
        var key = CycleUrge.KeyOf(cycle.Id, DemoSeeder.Kexie, null, UnitStanding.SubmissionStep, today);
        Assert.Equal(1, await fixture.ReadAsync(db => db.CycleUrges.CountAsync(u => u.Key == key)));
        var mails = await fixture.ReadAsync(db => db.Outbox.Where(m => m.Key.StartsWith(key)).ToListAsync());
        Assert.Equal("drafter.kexie@example.gov.cn", Assert.Single(mails).ToAddress);
        Assert.StartsWith("【催办】", mails[0].Subject);
        Assert.Equal("already-urged", await PressAsync());
    }

    [Fact]
    public async Task An_edit_and_a_unit_created_later_are_journalled_in_words()
    {
        await using var scope = fixture.Scope();
        var sp = scope.ServiceProvider;
        var cycles = sp.GetRequiredService<CycleService>();
        var admin = sp.GetRequiredService<Workflow.Host.Admin.AdminService>();
        Assert.True((await admin.CreateUnitAsync(new Workflow.Host.Admin.UnitInput("市住房公积金管理中心", "GJJ", Activities.Organization.UnitKind.Agency,
            DemoSeeder.Committee, DemoSeeder.Team1))).Succeeded);
        var unit = await fixture.ReadAsync(db => db.Units.Where(u => u.Code == "GJJ").Select(u => u.Id).SingleAsync());

        var joined = await cycles.AddToCurrentAsync(unit, "system", "系统管理员");

        Assert.NotNull(joined);
        Assert.Null(await cycles.AddToCurrentAsync(unit, "system", "系统管理员"));
        var changes = await cycles.ChangesAsync(joined.Id);
        Assert.Equal("加入单位：市住房公积金管理中心", changes[0].Text);
        Assert.Equal("系统管理员", changes[0].ByName);
        var units = joined.Units.Select(u => u.UnitId).Where(u => u != DemoSeeder.Renda).ToList();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var due = joined.DueDate;
        var edit = await cycles.EditAsync(joined.Id, joined.Name, due.AddDays(7), units, joined.Policy, "system", "系统管理员");
        Assert.Equal([DemoSeeder.Renda], edit.RemovedUnits);
        var text = $"截止日期由{due:yyyy-MM-dd}改为{due.AddDays(7):yyyy-MM-dd}；移出单位：市人大常委会机关";
        Assert.Equal(text, (await cycles.ChangesAsync(joined.Id))[0].Text);
        var audit = await fixture.ReadAsync(db => db.SecurityAudit.Where(e => e.Kind == nameof(SecurityEventKind.CycleChanged)).Select(e => e.Detail).ToListAsync());
        Assert.Contains($"修改报告周期“{joined.Name}”：{text}", audit);
        // The journal is history: a row cannot be changed afterwards.
        var db2 = sp.GetRequiredService<Workflow.Host.Data.AppDbContext>();
        var row = await db2.CycleChanges.FirstAsync(c => c.CycleId == joined.Id);
        db2.Remove(row);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db2.SaveChangesAsync());
    }
}

public sealed class SqliteCycleBoardTests(HostFixture fixture) : CycleBoardTests(fixture), IClassFixture<HostFixture>;

public sealed class PostgresCycleBoardTests(PostgresHostFixture fixture) : CycleBoardTests(fixture), IClassFixture<PostgresHostFixture>;
