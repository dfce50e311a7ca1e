using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Workflow.Host;
using Workflow.Tests.Shared;

namespace Workflow.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real SQLite file in a fresh temporary data folder, seeded with the demo data,
/// with time under the test's control.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test@Pass1";

    /// <summary>
    /// PBKDF2 rounds of the test apps' password hashes. The app keeps Identity's default (100,000: tens of ms a hash, on purpose);
    /// the suite signs in thousands of times, so its apps hash with fewer. Set here only, never in the app's configuration.
    /// </summary>
    public const int PasswordHashIterations = 1_000;

    /// <summary>First year handed out by <see cref="NextYear"/>; the demo data and the route test use earlier years.</summary>
    public const int FirstFreeYear = 2030;

    private readonly ConcurrentDictionary<string, Lazy<Task<Session>>> _sharedClients = new();
    private readonly ConcurrentDictionary<string, int> _nextYears = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _once = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "approvalflow-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));

    /// <summary>The database the app runs on; <see cref="PostgresAppFactory"/> picks PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>Further settings of this app (e.g. Evidence:Store, Session:IdleTimeout), set before it starts.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>The PostgreSQL database of this app (null on SQLite).</summary>
    public string? PostgresConnectionString { get; protected set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (Provider == DatabaseProvider.PostgreSql)
        {
            PostgresConnectionString ??= PostgresCluster.Shared.ConnectionString(PostgresCluster.NewDatabaseName());
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.PostgreSql));
            builder.UseSetting("ConnectionStrings:ApprovalFlow", PostgresConnectionString);
        }
        builder.UseSetting("App:DataDirectory", DataDirectory);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", Password);
        builder.UseSetting("Reminders:JobsEnabled", "false");
        // The suite signs in hundreds of times from one address; the login limit tests set small limits of their own.
        builder.UseSetting("LoginLimits:PerAddressPermits", "1000000");
        builder.UseSetting("LoginLimits:PerAccountPermits", "1000000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices((context, services) =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashIterations);
            if (Provider != DatabaseProvider.Sqlite || !StartsFromTemplate) return;
            // The configuration is complete here and the app has not started: begin from the seeded template when it fits.
            var fingerprint = SeededTemplate.Fingerprint(context.Configuration, context.HostingEnvironment, Clock);
            if (_templateMaker) StartFingerprint = fingerprint;
            else if (Path.GetFullPath(context.Configuration["App:DataDirectory"] ?? "") == DataDirectory)
                StartedFromTemplate = SeededTemplate.TryCopyTo(DataDirectory, fingerprint);
        });
    }

    /// <summary>
    /// Whether this factory's app may begin from the run's seeded template (<see cref="SeededTemplate"/>) rather than migrate and seed:
    /// plain <see cref="AppFactory"/>s do; factories of their own type (first start, restore, keys, audit) do the real start.
    /// </summary>
    protected virtual bool StartsFromTemplate => GetType() == typeof(AppFactory);

    /// <summary>Whether this app began from a copy of the seeded template.</summary>
    public bool StartedFromTemplate { get; private set; }

    private bool _templateMaker;

    /// <summary>What the first start of the template maker depended on (<see cref="SeededTemplate.Fingerprint"/>).</summary>
    internal string? StartFingerprint { get; private set; }

    /// <summary>The app that makes the seeded template by a real first start; its data folder stays when it is disposed.</summary>
    internal static AppFactory TemplateMaker() => new() { _templateMaker = true };

    protected override IHost CreateHost(IHostBuilder builder)
    {
        if (Provider == DatabaseProvider.Sqlite && StartsFromTemplate && !_templateMaker) SeededTemplate.EnsureMade();
        return base.CreateHost(builder);
    }

    /// <summary>An HTTP client carrying a bearer token of the given demo user.</summary>
    public async Task<HttpClient> ClientForAsync(string userName) => (await SignInAsync(userName)).Client;

    /// <summary>
    /// One signed-in client per user for the whole factory, to spare a password hash per test;
    /// signs in again once the clock has passed the token's expiry.
    /// </summary>
    public async Task<HttpClient> SharedClientAsync(string userName)
    {
        var entry = _sharedClients.GetOrAdd(userName, name => new Lazy<Task<Session>>(() => SignInAsync(name)));
        var session = await entry.Value;
        if (session.ExpiresAt > Clock.GetUtcNow().AddMinutes(1)) return session.Client;
        _sharedClients.TryUpdate(userName, new Lazy<Task<Session>>(() => SignInAsync(userName)), entry);
        return (await _sharedClients[userName].Value).Client;
    }

    private async Task<Session> SignInAsync(string userName)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return new Session(client, token.ExpiresAt);
    }

    private sealed record Session(HttpClient Client, DateTimeOffset ExpiresAt);

    /// <summary>A report year not yet used in <paramref name="unit"/> (one report per unit and year).</summary>
    public int NextYear(DemoUnit unit)
    {
        var year = _nextYears.AddOrUpdate(unit.Key, FirstFreeYear, (_, last) => last + 1);
        if (year > 2100) throw new InvalidOperationException($"No report years left for {unit.Key}; use a fresh factory.");
        return year;
    }

    /// <summary>Runs <paramref name="create"/> once per key for the life of the factory, e.g. to share test data between cases.</summary>
    public async Task<T> OnceAsync<T>(string key, Func<Task<T>> create) where T : class =>
        (T)await _once.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await create())).Value;

    private sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_templateMaker) return;
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One app for the test classes that leave the clock alone; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAppCollection : ICollectionFixture<AppFactory>
{
    public const string Name = "Shared app";
}

/// <summary>
/// One app for the test classes that move the clock forward. They run one after another, expect nothing of the
/// absolute time and sign in again after a move (<see cref="AppFactory.SharedClientAsync"/> does that by itself).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClockedAppCollection : ICollectionFixture<AppFactory>
{
    public const string Name = "Clocked app";
}

/// <summary>The real app on a database of its own in the test run's private PostgreSQL cluster.</summary>
public sealed class PostgresAppFactory : AppFactory
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    /// <summary>A second app node on the database of <paramref name="first"/>, as behind a load balancer.</summary>
    public static PostgresAppFactory SecondNodeOf(PostgresAppFactory first)
    {
        _ = first.Server;
        return new PostgresAppFactory { PostgresConnectionString = first.PostgresConnectionString };
    }

    /// <summary>
    /// Two app nodes on one database that does not exist yet, neither started: start them at once to race the first
    /// start (database creation, migrations, seeding, key ring).
    /// </summary>
    public static (PostgresAppFactory A, PostgresAppFactory B) PairOnEmptyDatabase()
    {
        var connectionString = PostgresCluster.Shared.ConnectionString(PostgresCluster.NewDatabaseName());
        return (new PostgresAppFactory { PostgresConnectionString = connectionString }, new PostgresAppFactory { PostgresConnectionString = connectionString });
    }
}

/// <summary>One PostgreSQL app for the test classes that leave the clock alone; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresAppCollection : ICollectionFixture<PostgresAppFactory>
{
    public const string Name = "PostgreSQL app";
}
