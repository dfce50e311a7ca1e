using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Host.Data;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>
/// The app with a 2-second request timeout and a database that stalls on the inbox (API and page) until the request's
/// token is cancelled, as a query stuck behind a lock would; every log entry is kept.
/// </summary>
public sealed class StallingAppFactory : AppFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId Event, string Message)> Logs { get; } = new();

    /// <summary>Completed when the next query starts to stall.</summary>
    public ConcurrentQueue<TaskCompletionSource> Stalled { get; } = new();

    /// <summary>Completed when the next stalled query gives up because its request was cancelled.</summary>
    public ConcurrentQueue<TaskCompletionSource> Released { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Limits:RequestTimeout", "00:00:02");
        builder.ConfigureLogging(logging => logging.AddProvider(new KeepingLoggerProvider(Logs)).AddFilter<KeepingLoggerProvider>(null, LogLevel.Debug));
        builder.ConfigureServices(services => services.ConfigureDbContext<AppDbContext>((provider, options) =>
            options.AddInterceptors(new StallingInterceptor(provider.GetRequiredService<IHttpContextAccessor>(), this))));
    }

    private sealed class StallingInterceptor(IHttpContextAccessor http, StallingAppFactory app) : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var path = http.HttpContext?.Request.Path ?? PathString.Empty;
            if (!path.StartsWithSegments("/api/inbox") && !path.StartsWithSegments("/Inbox")) return result;
            if (app.Stalled.TryDequeue(out var stalled)) stalled.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                if (app.Released.TryDequeue(out var released)) released.TrySetResult();
            }
            return result;
        }
    }

    private sealed class KeepingLoggerProvider(ConcurrentQueue<(string, LogLevel, EventId, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, EventId, string)> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue((category, logLevel, eventId, formatter(state, exception)));
        }
    }
}

/// <summary>
/// A request that runs past <c>Limits:RequestTimeout</c> is cancelled and answered 504 (problem+json on /api, a Chinese page
/// otherwise); a request whose client went away stops its work without an error in the log.
/// </summary>
public sealed class RequestTimeoutTests(StallingAppFactory app) : IClassFixture<StallingAppFactory>
{
    [Fact]
    public async Task A_stalled_api_request_is_a_504_problem_with_a_stable_type()
    {
        var secretary = await app.SharedClientAsync(DemoUnit.Kexie.Secretary);

        var response = await secretary.GetAsync("/api/inbox");

        var problem = await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout, "request-timeout");
        Assert.Equal("urn:approvalflow:problem:request-timeout", problem.Type);
        // A timeout is expected behaviour, not an application error.
        Assert.DoesNotContain(app.Logs, l => l.Level >= LogLevel.Error);
        await secretary.GetAsync("/api/reports").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_stalled_page_is_a_504_page_in_chinese()
    {
        using var secretary = await PageSession.SignInAsync(app, DemoUnit.Kexie.Secretary);

        var response = await secretary.GetAsync("/Inbox");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("处理超时", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_whose_client_went_away_stops_and_logs_no_error()
    {
        var secretary = await app.SharedClientAsync(DemoUnit.Kexie.Secretary);
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Stalled.Enqueue(stalled);
        app.Released.Enqueue(released);
        using var client = new CancellationTokenSource();

        var call = secretary.GetAsync("/api/inbox", client.Token);
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await client.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await released.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The exception handler tells a request its client abandoned from one that timed out or failed.
        Assert.True(await WaitForAsync(() => app.Logs.Any(l => l.Event.Name == "RequestAborted")), "the request was not seen as aborted by the client");
        Assert.DoesNotContain(app.Logs, l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public void Endpoints_that_move_files_have_the_longer_transfer_timeout()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        string? PolicyOf(string pattern, string? method = null) => endpoints
            .Single(e => e.RoutePattern.RawText?.TrimStart('/') == pattern
                         && (method is null || e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true))
            .Metadata.GetMetadata<RequestTimeoutAttribute>()?.PolicyName;

        Assert.Equal(WebExtensions.TransferTimeoutPolicy, PolicyOf("api/rectifications/{id:guid}/evidence", "POST"));
        Assert.Equal(WebExtensions.TransferTimeoutPolicy, PolicyOf("api/reports/import", "POST"));
        Assert.Equal(WebExtensions.TransferTimeoutPolicy, PolicyOf("Reports/Create"));
        Assert.Equal(WebExtensions.TransferTimeoutPolicy, PolicyOf("Rectifications/Details/{id:guid}"));
        Assert.Null(PolicyOf("api/reports/{id:guid}/diff", "GET"));
        Assert.Null(PolicyOf("Reports/Details/{id:guid}"));
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(20);
        return condition();
    }
}
