using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Workflow.Host.Tests;

/// <summary>The host layer wired as in production on a fresh SQLite file, without the web app.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public const string Password = "Test@Pass1";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "approvalflow-host-tests", Guid.NewGuid().ToString("N"));
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
    public IHost Host { get; private set; } = null!;
    public IServiceProvider Services => Host.Services;

    public async Task InitializeAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["App:DataDirectory"] = DataDirectory,
            ["Demo:Seed"] = "true",
            ["Demo:Password"] = Password,
            ["Reminders:JobsEnabled"] = "false",
        });
        builder.AddApprovalFlow();
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        Host = builder.Build();
        await Host.Services.InitializeApprovalFlowAsync();
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public Task DisposeAsync()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
