using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workflow.Host;
using Workflow.Host.Rectification;

namespace Workflow.Web.Tests.Operations;

/// <summary>
/// The files in deploy/ agree with the app and with each other: the Production example is configuration the app accepts on
/// start, its data folder is the one systemd lets it write, nginx forwards to the address systemd listens on, and nginx lets
/// through the largest upload and waits as long as the app's own limits do.
/// </summary>
public sealed class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "deploy");
    private static string Unit => File.ReadAllText(Path.Combine(Deploy, "approvalflow.service"));
    private static string Nginx => File.ReadAllText(Path.Combine(Deploy, "nginx", "approvalflow.conf"));

    [Fact]
    public async Task The_production_example_passes_the_apps_start_validation_in_the_Production_environment()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddJsonFile(Path.Combine(Deploy, "appsettings.Production.example.json"), optional: false);
        // The example names the operator's certificate; this machine has its own, made like the operator's (a password-protected .pfx).
        Assert.False(string.IsNullOrEmpty(builder.Configuration["DataProtection:CertificatePath"]));
        var folder = Path.Combine(Path.GetTempPath(), "approvalflow-deploy-" + Guid.NewGuid().ToString("N"));
        builder.Configuration.AddInMemoryCollection(Security.TestCertificates.Settings(Security.TestCertificates.NewPfx(folder)));
        builder.AddApprovalFlow();
        builder.AddApprovalFlowWeb();
        await using var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate();

        var options = app.Services.GetRequiredService<IOptions<AppOptions>>().Value;
        Assert.StartsWith("https://", options.BaseUrl);
        Assert.Equal(options.DataDirectory, Setting(Unit, "ReadWritePaths"));
        Assert.True(builder.Configuration.GetValue<bool>("Logging:Json"));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Nginx_forwards_to_the_address_the_service_listens_on_with_the_forwarded_headers_and_tls_only()
    {
        var urls = Setting(Unit, "Environment=ASPNETCORE_URLS");
        Assert.Equal("http://127.0.0.1:5080", urls);
        Assert.Contains("server 127.0.0.1:5080;", Nginx);
        foreach (var header in new[] { "X-Forwarded-For $proxy_add_x_forwarded_for", "X-Forwarded-Proto $scheme", "X-Forwarded-Host $host" })
            Assert.Contains("proxy_set_header " + header + ";", Nginx);
        Assert.Contains("ssl_protocols TLSv1.2 TLSv1.3;", Nginx);
        Assert.Contains("return 301 https://$host$request_uri;", Nginx);
        Assert.Matches(new Regex(@"location = /metrics \{\s*return 404;"), Nginx);
        foreach (var hardening in new[] { "NoNewPrivileges=true", "ProtectSystem=strict", "PrivateTmp=true", "Restart=on-failure",
                     "Environment=ASPNETCORE_ENVIRONMENT=Production" })
            Assert.Contains(hardening, Unit);
    }

    [Fact]
    public void Nginx_takes_the_largest_upload_the_app_takes_and_waits_as_long_as_a_file_transfer_may_run()
    {
        // Pages send an evidence file in a request of up to twice its limit plus the form's overhead (RequestBodyLimits).
        var largest = 2 * new RectificationOptions().MaxEvidenceBytes + 64 * 1024;
        var body = Regex.Match(Nginx, @"client_max_body_size (\d+)m;");
        Assert.True(body.Success);
        Assert.True(long.Parse(body.Groups[1].Value) * 1024 * 1024 >= largest, $"client_max_body_size {body.Groups[1].Value}m < {largest} bytes");

        var transfer = new LimitsOptions().TransferRequestTimeout;
        foreach (var timeout in new[] { "proxy_read_timeout", "proxy_send_timeout", "client_body_timeout" })
        {
            var value = Regex.Match(Nginx, timeout + @" (\d+)s;");
            Assert.True(value.Success, timeout);
            Assert.True(TimeSpan.FromSeconds(int.Parse(value.Groups[1].Value)) >= transfer, $"{timeout} is shorter than {transfer}");
        }
    }

    private static string Setting(string unit, string key) =>
        Regex.Match(unit, "^" + Regex.Escape(key) + "=(.+)$", RegexOptions.Multiline) is { Success: true } m
            ? m.Groups[1].Value.Trim()
            : throw new Xunit.Sdk.XunitException($"{key} is not set in approvalflow.service");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln"))) return dir.FullName;
        throw new InvalidOperationException("ApprovalFlow.sln not found above the test binaries.");
    }
}
