using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Host.Data;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;
using Workflow.Host.Telemetry;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Operations;

/// <summary>
/// The real app with the Prometheus endpoint on and the Hangfire server running; a test request may claim a client address
/// with the X-Test-Remote-Address header, as a scraper on another machine would arrive.
/// </summary>
public sealed class PrometheusAppFactory : AppFactory
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Telemetry:Prometheus", "true");
        builder.UseSetting("Telemetry:PrometheusAllowedAddresses:0", "10.1.0.0/16");
        builder.UseSetting("Telemetry:PrometheusAllowedAddresses:1", "192.0.2.7");
        builder.UseSetting("Reminders:JobsEnabled", "true");
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, RemoteAddressFromHeader>());
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, inner) =>
            {
                if (http.Request.Headers.TryGetValue(RemoteAddressHeader, out var address))
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                return inner(http);
            });
            next(app);
        };
    }
}

/// <summary>
/// Metrics as an operator's Prometheus sees them: request durations, the outbox backlog and background job durations at
/// /metrics when Telemetry:Prometheus is on, only for loopback and the configured addresses; a plain 404 otherwise.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class TelemetryTests(PrometheusAppFactory app) : IClassFixture<PrometheusAppFactory>
{
    [Fact]
    public async Task Metrics_show_request_durations_the_outbox_backlog_and_a_background_jobs_duration()
    {
        var drafter = await app.ClientForAsync(DemoUnit.Kexie.Drafter);
        Assert.Equal(HttpStatusCode.OK, (await drafter.GetAsync("/api/inbox")).StatusCode);

        // Recorded as the request ends, after its answer went out; the exporter also reuses a scrape for a moment.
        var metrics = await ScrapeAsync(m => m.Contains("http_route=\"/api/inbox\""));
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", metrics);
        Assert.Matches(new Regex("""http_server_request_duration_seconds_count\{[^}]*http_route="/api/inbox"[^}]*\} [1-9]"""), metrics);

        // The backlog is the number of pending outbox rows; a new one shows once the few seconds' cache has passed.
        long Pending()
        {
            using var scope = app.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.Count(m => m.Status == OutboxStatus.Pending);
        }
        Assert.Equal(Pending(), Backlog(await ScrapeAsync(m => m.Contains("approvalflow_outbox_backlog"))));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Outbox.Add(new OutboxMessage("telemetry-test:" + Guid.NewGuid(), "kexie@example.gov.cn", "测试", "【待办】测试", "<p>测试</p>", "测试",
                app.Clock.GetUtcNow().AddDays(1)));
            await db.SaveChangesAsync();
        }
        app.Clock.Advance(AppMetrics.BacklogCacheFor);
        var pending = Pending();
        Assert.True(pending >= 1);
        Assert.Equal(pending, Backlog(await ScrapeAsync(m => Backlog(m) == pending)));

        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ReminderJobs>(j => j.SweepAsync(CancellationToken.None));
        var withJob = await ScrapeAsync(m => m.Contains("""job="ReminderJobs.SweepAsync"""));
        Assert.Matches(new Regex("""approvalflow_job_duration_seconds_count\{[^}]*job="ReminderJobs.SweepAsync"[^}]*outcome="succeeded"[^}]*\} [1-9]"""
            + "|" + """approvalflow_job_duration_seconds_count\{[^}]*outcome="succeeded"[^}]*job="ReminderJobs.SweepAsync"[^}]*\} [1-9]"""), withJob);
    }

    [Theory]
    [InlineData("203.0.113.9", false)]
    [InlineData("10.2.0.1", false)]
    [InlineData("10.1.200.3", true)]
    [InlineData("192.0.2.7", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    public async Task Only_loopback_and_the_configured_addresses_may_scrape(string address, bool allowed)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(PrometheusAppFactory.RemoteAddressHeader, address);
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(allowed, body.Contains("# TYPE"));
    }

    [Fact]
    public void A_bad_allowed_address_or_collector_address_stops_the_start_with_the_key_named()
    {
        foreach (var (key, value) in new[] { ("Telemetry:PrometheusAllowedAddresses:0", "10.1.0.0/99"), ("Telemetry:OtlpEndpoint", "collector:4317") })
        {
            using var broken = new AppFactory().WithWebHostBuilder(b => b.UseSetting(key, value));
            var error = Assert.Throws<OptionsValidationException>(() => broken.Server);
            Assert.Contains(key.Split(':')[1].Split(':')[0], error.Message);
        }
    }

    private async Task<string> ScrapeAsync(Func<string, bool> until)
    {
        var client = app.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (until(text)) return text;
            Assert.True(DateTime.UtcNow < deadline, "metrics never showed what was expected:\n" + text);
            await Task.Delay(250);
        }
    }

    private static long Backlog(string metrics)
    {
        var match = Regex.Match(metrics, @"^approvalflow_outbox_backlog(\{[^}]*\})? (\d+)", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[2].Value) : -1;
    }
}

/// <summary>
/// Meter names are process-wide: an exporter sees the instruments of every app host in the test process, and another host's
/// same-named instruments (ASP.NET Core's, ours) would stand in for this app's. The metrics tests therefore run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics (alone in the process)";
}

/// <summary>Without Telemetry:Prometheus (the default) there is no metrics endpoint: /metrics is a plain 404.</summary>
public sealed class TelemetryOffTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Metrics_are_off_by_default()
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
    }
}
