using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Workflow.Client;
using Workflow.Client.Models;

namespace Workflow.Client.Tests;

/// <summary>
/// The real app on a real SQLite file in a fresh temporary data folder, seeded with the demo users (the minimum of the Web tests'
/// AppFactory); clients are the Kiota-generated <see cref="ApprovalFlowClient"/> over the test server.
/// </summary>
public sealed class ClientApp : WebApplicationFactory<Program>
{
    public const string Password = "Test@Pass1";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "approvalflow-client-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("App:DataDirectory", _dataDirectory);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", Password);
        builder.UseSetting("Reminders:JobsEnabled", "false");
    }

    /// <summary>A client that sends no token.</summary>
    public ApprovalFlowClient Anonymous() => Create(new AnonymousAuthenticationProvider());

    /// <summary>Signs <paramref name="userName"/> in through the generated client and returns a client carrying the token.</summary>
    public async Task<ApprovalFlowClient> SignInAsync(string userName)
    {
        var login = await Anonymous().Api.Auth.Login.PostAsync(new LoginRequest { UserName = userName, Password = Password });
        Assert.False(string.IsNullOrEmpty(login?.AccessToken));
        return Create(new BaseBearerTokenAuthenticationProvider(new Token(login!.AccessToken!)));
    }

    private ApprovalFlowClient Create(IAuthenticationProvider authentication)
    {
        var http = CreateClient();
        var adapter = new HttpClientRequestAdapter(authentication, httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') };
        return new ApprovalFlowClient(adapter);
    }

    /// <summary>The token of one sign-in, for the test server's host only.</summary>
    private sealed class Token(string accessToken) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new(["localhost"]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default) =>
            Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? accessToken : "");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
