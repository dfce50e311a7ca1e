using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Host;
using Workflow.Host.Data;
using Workflow.Tests.Shared;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Security;

/// <summary>Every log line an app writes, at every level, with its category.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, logLevel, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
    }
}

/// <summary>
/// The real app on a data folder (or PostgreSQL database) the test names, so a second instance can start on the same data as
/// a restart; with extra settings, an environment and every log line captured.
/// </summary>
public sealed class ConfiguredAppFactory(string dataDirectory, IReadOnlyDictionary<string, string?> settings, string environment = "Testing",
    DatabaseProvider provider = DatabaseProvider.Sqlite, string? postgresConnectionString = null) : AppFactory
{
    public CapturedLogs Logs { get; } = new();

    protected override DatabaseProvider Provider => provider;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        PostgresConnectionString ??= postgresConnectionString;
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.UseSetting("App:DataDirectory", dataDirectory);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
    }

    /// <summary>A bearer token of a demo user, to present to another instance later.</summary>
    public async Task<AuthenticationHeaderValue> TokenOfAsync(string userName) =>
        (await ClientForAsync(userName)).DefaultRequestHeaders.Authorization!;

    public HttpClient ClientWith(AuthenticationHeaderValue token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = token;
        return client;
    }
}

/// <summary>A self-signed RSA certificate with its private key in a password-protected .pfx, as an operator would deploy it.</summary>
public static class TestCertificates
{
    public const string Password = "Pfx-Pass-2026";

    public static string NewPfx(string folder, bool withPrivateKey = true)
    {
        Directory.CreateDirectory(folder);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ApprovalFlow data-protection keys (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, $"keys-{Guid.NewGuid():N}.pfx");
        using var exported = withPrivateKey ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
        File.WriteAllBytes(path, (exported ?? certificate).Export(X509ContentType.Pfx, Password));
        return path;
    }

    public static Dictionary<string, string?> Settings(string pfx) => new()
    {
        ["DataProtection:CertificatePath"] = pfx,
        ["DataProtection:CertificatePassword"] = Password,
    };
}

/// <summary>
/// Issue 13 item 8: the data-protection keys that sign cookies and API tokens are encrypted at rest with the configured
/// certificate, on SQLite (keys folder) and PostgreSQL (key table); sessions survive a restart; a certificate that cannot be
/// used stops the start with a clear message; Production without one warns.
/// </summary>
public sealed class KeysAtRestTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "approvalflow-tests", "keys-" + Guid.NewGuid().ToString("N"));
    private readonly List<ConfiguredAppFactory> _apps = [];

    private string Data => Path.Combine(_root, "data");

    private ConfiguredAppFactory App(IReadOnlyDictionary<string, string?> settings, string environment = "Testing",
        DatabaseProvider provider = DatabaseProvider.Sqlite, string? postgres = null)
    {
        var app = new ConfiguredAppFactory(Data, settings, environment, provider, postgres);
        _apps.Add(app);
        return app;
    }

    private static void AssertEncrypted(IReadOnlyCollection<string> keyXml)
    {
        Assert.NotEmpty(keyXml);
        foreach (var xml in keyXml)
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.DoesNotContain("<value>", xml);
            Assert.DoesNotContain("unencrypted form", xml);
        }
    }

    [Fact]
    public async Task On_SQLite_the_key_files_are_encrypted_and_a_token_and_a_cookie_outlive_a_restart_but_not_the_loss_of_the_certificate()
    {
        var certificate = TestCertificates.Settings(TestCertificates.NewPfx(_root));
        var first = App(certificate);
        var token = await first.TokenOfAsync("drafter.kexie");
        var cookies = new CookieContainer();
        using (var session = await PageSession.SignInAsync(PageSession.WithCookies(first, cookies), "secretary.kexie"))
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Inbox")).StatusCode);
        AssertEncrypted(Directory.GetFiles(Path.Combine(Data, "keys"), "*.xml").Select(File.ReadAllText).ToList());
        first.Dispose();

        var restarted = App(certificate);
        await restarted.ClientWith(token).GetAsync("/api/inbox").ExpectAsync(HttpStatusCode.OK);
        using (var session = PageSession.WithCookies(restarted, cookies))
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Inbox")).StatusCode);
        restarted.Dispose();

        // Without the certificate the stored key cannot be read: what it signed is no longer accepted.
        var withoutCertificate = App(new Dictionary<string, string?>());
        await withoutCertificate.ClientWith(token).GetAsync("/api/inbox").ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task On_PostgreSQL_the_key_rows_are_encrypted_and_a_token_outlives_a_restart()
    {
        var certificate = TestCertificates.Settings(TestCertificates.NewPfx(_root));
        var database = PostgresCluster.Shared.ConnectionString(PostgresCluster.NewDatabaseName());
        var first = App(certificate, provider: DatabaseProvider.PostgreSql, postgres: database);
        var token = await first.TokenOfAsync("drafter.kexie");
        await using (var scope = first.Services.CreateAsyncScope())
            AssertEncrypted(await scope.ServiceProvider.GetRequiredService<PostgresAppDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.False(Directory.Exists(Path.Combine(Data, "keys")) && Directory.EnumerateFiles(Path.Combine(Data, "keys")).Any());
        first.Dispose();

        var restarted = App(certificate, provider: DatabaseProvider.PostgreSql, postgres: database);
        await restarted.ClientWith(token).GetAsync("/api/inbox").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Keys_written_before_a_certificate_was_configured_stay_in_use_and_the_start_says_so()
    {
        var plain = App(new Dictionary<string, string?>());
        var token = await plain.TokenOfAsync("drafter.kexie");
        plain.Dispose();

        var protectedApp = App(TestCertificates.Settings(TestCertificates.NewPfx(_root)));
        await protectedApp.ClientWith(token).GetAsync("/api/inbox").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(protectedApp.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("仍有1个数据保护密钥以明文保存"));
    }

    public static TheoryData<string, string> UnusableCertificates => new()
    {
        { "missing file", "找不到证书文件" },
        { "wrong password", "密码（DataProtection:CertificatePassword）不对" },
        { "no private key", "没有私钥" },
        { "path and thumbprint", "只能设置其中一个" },
        { "unknown thumbprint", "没有指纹为 0123456789ABCDEF 的证书" },
    };

    [Theory]
    [MemberData(nameof(UnusableCertificates))]
    public void A_certificate_that_cannot_be_used_stops_the_start_with_a_clear_message(string what, string message)
    {
        var settings = what switch
        {
            "missing file" => TestCertificates.Settings(Path.Combine(_root, "nowhere.pfx")),
            "wrong password" => new Dictionary<string, string?>(TestCertificates.Settings(TestCertificates.NewPfx(_root)))
                { ["DataProtection:CertificatePassword"] = "wrong" },
            "no private key" => TestCertificates.Settings(TestCertificates.NewPfx(_root, withPrivateKey: false)),
            "path and thumbprint" => new Dictionary<string, string?>(TestCertificates.Settings(TestCertificates.NewPfx(_root)))
                { ["DataProtection:CertificateThumbprint"] = "0123456789ABCDEF" },
            _ => new Dictionary<string, string?> { ["DataProtection:CertificateThumbprint"] = "0123456789ABCDEF" },
        };
        var app = App(settings);
        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("数据保护密钥证书不可用，系统不能启动", refused.ToString());
        Assert.Contains(message, refused.ToString());
    }

    [Fact]
    public async Task Production_without_a_certificate_warns_at_start_and_with_one_it_does_not()
    {
        const string Warning = "数据保护密钥未加密";
        var unprotected = App(new Dictionary<string, string?>(), environment: "Production");
        await unprotected.CreateClient().GetAsync("/health/live").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(unprotected.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith(Warning) && l.Message.Contains("unencrypted at rest"));
        unprotected.Dispose();

        Directory.Delete(Data, recursive: true);
        var protectedApp = App(TestCertificates.Settings(TestCertificates.NewPfx(_root)), environment: "Production");
        await protectedApp.CreateClient().GetAsync("/health/live").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(protectedApp.Logs.Lines, l => l.Message.Contains(Warning) || l.Message.Contains("明文保存"));
    }

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
