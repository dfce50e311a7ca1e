using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Workflow.Host.Tests.Mail;

/// <summary>A real SMTP server (aiosmtpd under /usr/bin/python3) on a free loopback port, with its maildir.</summary>
public sealed class SmtpSink : IDisposable
{
    private Process? _process;

    public SmtpSink()
    {
        Port = FreePort();
        Maildir = Path.Combine(Path.GetTempPath(), "approvalflow-smtp", Guid.NewGuid().ToString("N"));
        Start();
    }

    public int Port { get; }
    public string Maildir { get; }

    public void Start()
    {
        if (_process is { HasExited: false }) return;
        foreach (var sub in new[] { "new", "cur", "tmp" }) Directory.CreateDirectory(Path.Combine(Maildir, sub));
        var script = Path.Combine(AppContext.BaseDirectory, "Mail", "smtp_sink.py");
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, "127.0.0.1", Port.ToString(), Maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("python3 did not start");
        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "ready")
            throw new InvalidOperationException("aiosmtpd did not start: " + _process.StandardError.ReadToEnd());
    }

    public void Stop()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Every mail the server has accepted so far.</summary>
    public List<MimeMessage> Received() =>
        Directory.GetFiles(Path.Combine(Maildir, "new")).Concat(Directory.GetFiles(Path.Combine(Maildir, "cur")))
            .Select(f => MimeMessage.Load(f)).ToList();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(Maildir, recursive: true); } catch (IOException) { }
    }
}
