using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Workflow.Host;
using Workflow.Tests.Shared;

namespace Workflow.Host.Tests;

/// <summary>The host layer wired as in production on a fresh SQLite file (or PostgreSQL database), without the web app.</summary>
public class HostFixture : IAsyncLifetime
{
    public const string Password = "Test@Pass1";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "approvalflow-host-tests", Guid.NewGuid().ToString("N"));
    private FakeTimeProvider? _clock;

    public FakeTimeProvider Clock => _clock ??= new FakeTimeProvider(StartTime);

    /// <summary>Where the fake clock starts.</summary>
    protected virtual DateTimeOffset StartTime => new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
    public IHost Host { get; private set; } = null!;
    public IServiceProvider Services => Host.Services;

    /// <summary>The hosting environment the host runs in.</summary>
    protected virtual string EnvironmentName => "Testing";

    /// <summary>The database the host runs on; <see cref="PostgresHostFixture"/> picks PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL database of this fixture (null on SQLite); a second host may share it.</summary>
    public string? PostgresConnectionString { get; protected set; }

    /// <summary>Settings on top of the defaults; override to point mail somewhere or skip the demo data.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Seed"] = "true" };

    public async Task InitializeAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = EnvironmentName });
        var settings = new Dictionary<string, string?>
        {
            ["App:DataDirectory"] = DataDirectory,
            ["Demo:Password"] = Password,
            ["Reminders:JobsEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Hangfire"] = "Warning",
        };
        if (Provider == DatabaseProvider.PostgreSql)
        {
            PostgresConnectionString ??= PostgresCluster.Shared.ConnectionString(PostgresCluster.NewDatabaseName());
            settings["Database:Provider"] = nameof(DatabaseProvider.PostgreSql);
            settings["ConnectionStrings:ApprovalFlow"] = PostgresConnectionString;
        }
        foreach (var (key, value) in Settings) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddApprovalFlow();
        builder.Services.AddSingleton<IAppLinks, TestAppLinks>();
        Host = builder.Build();
        await BeforeStartAsync(Host.Services);
        await Host.Services.InitializeApprovalFlowAsync();
    }

    /// <summary>Runs after the host is built and before the start-up work; override to lay down an existing database.</summary>
    protected virtual Task BeforeStartAsync(IServiceProvider services) => Task.CompletedTask;

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public virtual Task DisposeAsync()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>The same host on a database of its own in the test run's private PostgreSQL cluster.</summary>
public sealed class PostgresHostFixture : HostFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
