using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Cycles;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;
using Workflow.Host.Reports;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests.Mail;

/// <summary>A host with the demo organisation (no demo reports) sending through a real aiosmtpd server.</summary>
public sealed class MailHostFixture : MailHostFixtureBase;

/// <summary>The mail host on PostgreSQL.</summary>
public sealed class PostgresMailHostFixture : MailHostFixtureBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

/// <summary>The mail host, open for variants that change settings.</summary>
public class MailHostFixtureBase : HostFixture
{
    private readonly bool _ownsSmtp;

    public MailHostFixtureBase() : this(null) { }

    /// <summary>A host that sends to <paramref name="smtp"/> when given (another node of the same cluster), else to a sink of its own.</summary>
    protected MailHostFixtureBase(SmtpSink? smtp)
    {
        Smtp = smtp ?? new SmtpSink();
        _ownsSmtp = smtp is null;
    }

    public SmtpSink Smtp { get; }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Reminders:JobsEnabled"] = "false",
        ["Demo:Seed"] = "false",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = Smtp.Port.ToString(),
        ["Mail:Smtp:Timeout"] = "00:00:05",
        ["App:BaseUrl"] = "https://approval.example.gov.cn",
    };

    protected override DateTimeOffset StartTime => new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedOrganisationAsync(Password);
    }

    /// <summary>Moves the fake clock to a wall-clock time in China (UTC+8).</summary>
    public void At(string chinaLocal) =>
        Clock.SetUtcNow(new DateTimeOffset(DateTime.Parse(chinaLocal), TimeSpan.FromHours(8)).ToUniversalTime());

    public async Task<int> SweepAndDispatchAsync()
    {
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<ReminderSweep>().SweepAsync();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync();
    }

    public async Task<int> DispatchAsync()
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync();
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider);
    }

    public Task<UserContext> UserAsync(string userName) => WithAsync(async sp =>
    {
        var user = await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        return (await sp.GetRequiredService<UserDirectory>().LoadAsync(user.Id))!;
    });

    public Task<Guid> UnitIdAsync(string name) =>
        WithAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Name == name).Select(u => u.Id).FirstAsync());

    public Task<List<OutboxMessage>> OutboxAsync() =>
        WithAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public Task OpenCycleAsync(string name, int year, DateOnly due, params Guid[] units) =>
        WithAsync(async sp => await sp.GetRequiredService<CycleService>().OpenAsync(name, year, due, units, "test"));

    public Task OpenCycleAsync(string name, int year, DateOnly due, Activities.Reminders.ReminderPolicy policy, params Guid[] units) =>
        WithAsync(async sp => await sp.GetRequiredService<CycleService>().OpenAsync(name, year, due, units, "test", policy));

    public Task<Activities.Reports.Report> ReportsAsync(Func<ReportService, Task<Activities.Reports.Report>> work) =>
        WithAsync(sp => work(sp.GetRequiredService<ReportService>()));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsSmtp) Smtp.Dispose();
    }
}
