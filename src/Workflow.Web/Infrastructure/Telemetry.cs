using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Workflow.Host.Telemetry;

namespace Workflow.Web;

/// <summary>Settings under "Telemetry": where traces and metrics go. Nothing is collected unless one of them is set.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>Answer Prometheus scrapes at <see cref="ScrapePath"/> (from loopback and <see cref="PrometheusAllowedAddresses"/> only).</summary>
    public bool Prometheus { get; set; }

    public const string ScrapePath = "/metrics";

    /// <summary>Addresses or networks (10.0.0.5, 10.0.0.0/24) besides loopback that may scrape; everyone else gets 404.</summary>
    public string[] PrometheusAllowedAddresses { get; set; } = [];

    /// <summary>An OpenTelemetry collector (OTLP over gRPC, e.g. http://127.0.0.1:4317) to send traces and metrics to.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in PrometheusAllowedAddresses)
            if (ParseNetwork(entry) is null)
                yield return new ValidationResult($"Telemetry:PrometheusAllowedAddresses: '{entry}' is neither an IP address nor a network such as 10.0.0.0/24.");
        if (OtlpEndpoint is { } otlp && (!otlp.IsAbsoluteUri || otlp.Scheme is not ("http" or "https")))
            yield return new ValidationResult("Telemetry:OtlpEndpoint must be an absolute http:// or https:// address, e.g. http://127.0.0.1:4317.");
    }

    /// <summary>An address (as a one-address network) or a CIDR network; null when it is neither.</summary>
    public static IPNetwork? ParseNetwork(string entry) =>
        IPNetwork.TryParse(entry, out var network) ? network
        : IPAddress.TryParse(entry, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8)
        : null;
}

/// <summary>OpenTelemetry traces and metrics (ASP.NET Core, EF Core, Npgsql, the app's own meter) and JSON console logs.</summary>
public static class TelemetryExtensions
{
    public static WebApplicationBuilder AddApprovalFlowTelemetry(this WebApplicationBuilder builder)
    {
        // One JSON object a line on the console, for journald and log shippers.
        if (builder.Configuration.GetValue<bool>("Logging:Json"))
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);

        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Prometheus && options.OtlpEndpoint is null) return builder;

        var version = typeof(TelemetryExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("ApprovalFlow", serviceVersion: version))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter(AppMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql");
                if (options.Prometheus) metrics.AddPrometheusExporter();
                if (options.OtlpEndpoint is { } endpoint) metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
            });
        if (options.OtlpEndpoint is { } traces)
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter(o => o.Endpoint = traces));
        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, when enabled, for loopback and the allowed addresses. To anyone else, and to everyone
    /// while it is off, /metrics is a plain 404, never the sign-in page or the not-found page.
    /// </summary>
    public static WebApplication UseApprovalFlowTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        var allowed = options.PrometheusAllowedAddresses.Select(a => TelemetryOptions.ParseNetwork(a)!.Value).ToArray();
        if (options.Prometheus)
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
                http.Request.Path == TelemetryOptions.ScrapePath && MayScrape(http.Connection.RemoteIpAddress, allowed));
        app.MapWhen(http => http.Request.Path == TelemetryOptions.ScrapePath,
            refused => refused.Run(http =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        return app;
    }

    private static bool MayScrape(IPAddress? remote, IPNetwork[] allowed)
    {
        // No address: an in-process or Unix-socket caller, already on this machine.
        if (remote is null) return true;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote) || allowed.Any(n => n.Contains(remote));
    }
}
