using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Reports;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests;

/// <summary>Steps the host tests share: sign in a demo user, run a use case in its own scope, read back fresh.</summary>
internal static class HostScenarios
{
    public static async Task<UserContext> UserAsync(this HostFixture fixture, string userName)
    {
        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await scope.ServiceProvider.GetRequiredService<UserDirectory>().LoadAsync(id)
               ?? throw new InvalidOperationException(userName);
    }

    /// <summary>Runs <paramref name="work"/> on a ReportService of a scope of its own, as one web request would.</summary>
    public static async Task<T> ReportsAsync<T>(this HostFixture fixture, Func<ReportService, Task<T>> work)
    {
        await using var scope = fixture.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<ReportService>());
    }

    /// <summary>Reads with a fresh DbContext, so nothing comes from a change tracker that saw the write.</summary>
    public static async Task<T> ReadAsync<T>(this HostFixture fixture, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = fixture.Scope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static async Task<Report> CreateAsync(this HostFixture fixture, string drafterName, int year)
    {
        var drafter = await fixture.UserAsync(drafterName);
        return await fixture.ReportsAsync(s => s.CreateAsync(drafter, $"{year}年度落实全面从严治党主体责任情况的报告", year,
            "一、履行主体责任情况\n二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论武装。"));
    }

    public static async Task<Report> ExecuteAsync(this HostFixture fixture, string userName, Guid reportId, ReportCommand command,
        string? comment = null, bool restartFromFirstStep = false)
    {
        var user = await fixture.UserAsync(userName);
        return await fixture.ReportsAsync(s => command switch
        {
            ReportCommand.Submit => s.SubmitAsync(user, reportId),
            ReportCommand.Withdraw => s.WithdrawAsync(user, reportId),
            ReportCommand.Approve => s.ApproveAsync(user, reportId, comment),
            ReportCommand.Return => s.ReturnAsync(user, reportId, comment, restartFromFirstStep),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Edit with ReportService.EditAsync."),
        });
    }

    /// <summary>The user's whole 待办, most urgent first.</summary>
    public static async Task<List<Inbox.TodoRow>> InboxAsync(this HostFixture fixture, string userName)
    {
        var user = await fixture.UserAsync(userName);
        return await fixture.InScopeAsync<Inbox.TodoService, List<Inbox.TodoRow>>(s => s.ListAsync(user));
    }

    /// <summary>Runs <paramref name="work"/> on a service of a scope of its own, as one web request would.</summary>
    public static async Task<T> InScopeAsync<TService, T>(this HostFixture fixture, Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = fixture.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static Task<Guid> ReportIdAsync(this HostFixture fixture, Guid unitId, int year) =>
        fixture.ReadAsync(db => db.Reports.Where(r => r.UnitId == unitId && r.Year == year).Select(r => r.Id).SingleAsync());

    public static Task<List<ReportJournalEntry>> JournalAsync(this HostFixture fixture, Guid reportId) =>
        fixture.ReadAsync(db => db.ReportJournal.AsNoTracking().Where(j => j.ReportId == reportId).OrderBy(j => j.Sequence).ToListAsync());

    public static Task<Report> ReloadAsync(this HostFixture fixture, Guid reportId) =>
        fixture.ReadAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == reportId));

    /// <summary>The id of a demo agency by its short English name, for readable test data.</summary>
    public static Guid DemoUnitId(string unit) => unit switch
    {
        "Kexie" => DemoSeeder.Kexie,
        "Shengtai" => DemoSeeder.Shengtai,
        "Haishi" => DemoSeeder.Haishi,
        "Renda" => DemoSeeder.Renda,
        "Tongji" => DemoSeeder.Tongji,
        "Shenji" => DemoSeeder.Shenji,
        "Jiguan" => DemoSeeder.Jiguan,
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };
}
