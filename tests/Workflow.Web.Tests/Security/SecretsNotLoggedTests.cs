using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host;
using Workflow.Host.Data;
using Workflow.Host.Mail;
using Workflow.Tests.Shared;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Security;

/// <summary>
/// An SMTP server on a loopback port that offers AUTH PLAIN and LOGIN and refuses every credential (535), keeping what the
/// client sent, so a test can show the password really went over the wire.
/// </summary>
public sealed class RefusingSmtpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public RefusingSmtpServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The credentials received, decoded from base64.</summary>
    public List<string> Credentials { get; } = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            try
            {
                await writer.WriteLineAsync("220 refusing.test ESMTP");
                while (await reader.ReadLineAsync() is { } line)
                {
                    var verb = line.Split(' ')[0].ToUpperInvariant();
                    if (verb is "EHLO" or "HELO")
                    {
                        await writer.WriteLineAsync("250-refusing.test");
                        await writer.WriteLineAsync("250 AUTH PLAIN LOGIN");
                    }
                    else if (verb == "AUTH")
                    {
                        var parts = line.Split(' ');
                        if (parts[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
                        {
                            var response = parts.Length > 2 ? parts[2] : await Ask(reader, writer, "334 ");
                            Keep(response);
                        }
                        else
                        {
                            Keep(parts.Length > 2 ? parts[2] : await Ask(reader, writer, "334 VXNlcm5hbWU6"));
                            Keep(await Ask(reader, writer, "334 UGFzc3dvcmQ6"));
                        }
                        await writer.WriteLineAsync("535 5.7.8 Authentication credentials invalid");
                    }
                    else if (verb == "QUIT")
                    {
                        await writer.WriteLineAsync("221 bye");
                        return;
                    }
                    else await writer.WriteLineAsync("250 OK");
                }
            }
            catch (IOException) { }
        }
    }

    private static async Task<string> Ask(StreamReader reader, StreamWriter writer, string prompt)
    {
        await writer.WriteLineAsync(prompt);
        return await reader.ReadLineAsync() ?? "";
    }

    private void Keep(string base64)
    {
        lock (Credentials) Credentials.Add(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}

/// <summary>Secrets in the configuration (SMTP and PostgreSQL passwords) appear in no log line, at any level, even when a login fails.</summary>
public sealed class SecretsNotLoggedTests : IDisposable
{
    private const string SmtpPassword = "Smtp-Secret-Recognisable-7391";
    private const string PostgresPassword = "Pg-Secret-Recognisable-5512";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "approvalflow-tests", "secrets-" + Guid.NewGuid().ToString("N"));
    private readonly List<ConfiguredAppFactory> _apps = [];

    private static void AssertNowhere(ConfiguredAppFactory app, string secret)
    {
        var forms = new[] { secret, Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) };
        Assert.NotEmpty(app.Logs.Lines);
        foreach (var (category, _, message) in app.Logs.Lines)
            foreach (var form in forms)
                Assert.False(message.Contains(form, StringComparison.Ordinal), $"{category} logged a secret: {message}");
    }

    [Fact]
    public async Task The_SMTP_password_is_sent_to_the_server_but_never_logged_nor_kept_with_the_failure()
    {
        using var smtp = new RefusingSmtpServer();
        var app = new ConfiguredAppFactory(_data, new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtp.Port.ToString(),
            ["Mail:Smtp:UserName"] = "approvalflow",
            ["Mail:Smtp:Password"] = SmtpPassword,
            ["Mail:Smtp:Timeout"] = "00:00:10",
        });
        _apps.Add(app);
        var admin = await app.SharedClientAsync("admin");
        await admin.PostJsonAsync("/api/admin/reminders/sweep").ExpectAsync(HttpStatusCode.OK);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync();

        Assert.Contains(smtp.Credentials, c => c.Contains(SmtpPassword));
        var failures = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.Where(m => m.LastError != null)
            .Select(m => m.LastError!).ToListAsync();
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.DoesNotContain(SmtpPassword, f));
        Assert.Contains(app.Logs.Lines, l => l.Message.Contains("SMTP 认证失败"));
        AssertNowhere(app, SmtpPassword);
    }

    [Fact]
    public async Task The_PostgreSQL_password_of_the_connection_string_is_never_logged()
    {
        var database = PostgresCluster.Shared.ConnectionString(PostgresCluster.NewDatabaseName()) + ";Password=" + PostgresPassword;
        var app = new ConfiguredAppFactory(_data, new Dictionary<string, string?>(), provider: DatabaseProvider.PostgreSql, postgresConnectionString: database);
        _apps.Add(app);
        var admin = await app.SharedClientAsync("admin");
        await admin.PostJsonAsync("/api/admin/reminders/sweep").ExpectAsync(HttpStatusCode.OK);
        await app.CreateClient().GetAsync("/health/ready").ExpectAsync(HttpStatusCode.OK);
        AssertNowhere(app, PostgresPassword);
    }

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
