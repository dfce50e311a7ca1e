using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.ScaleOut;

/// <summary>
/// Two app nodes on one PostgreSQL database, as behind any reverse proxy without sticky sessions: a sign-in on one node
/// holds on the other, because the data-protection keys live in the database; both report themselves ready.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly PostgresAppFactory _a = new();
    private PostgresAppFactory _b = null!;

    public Task InitializeAsync()
    {
        _b = PostgresAppFactory.SecondNodeOf(_a);
        _ = _b.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_sign_in_cookie_issued_by_node_A_is_accepted_by_node_B()
    {
        var cookies = new CookieContainer();
        await PageSession.SignInAsync(PageSession.WithCookies(_a, cookies), "secretary.haishi");

        using var onB = PageSession.WithCookies(_b, cookies);
        var inbox = await onB.GetPageAsync("/Inbox");
        Assert.Contains("周强", inbox);
        using var anonymous = PageSession.Anonymous(_b);
        Assert.StartsWith("/Account/Login", PageSession.RedirectPath(await anonymous.GetAsync("/Inbox")));
    }

    [Fact]
    public async Task An_API_token_issued_by_node_A_is_accepted_by_node_B()
    {
        var onA = await _a.ClientForAsync("drafter.haishi");
        var onB = _b.CreateClient();
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;

        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _b.CreateClient().GetAsync("/api/inbox")).StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Both_nodes_answer_the_health_probes_without_signing_in(string path)
    {
        foreach (var node in new[] { _a, _b })
        {
            var response = await node.CreateClient().GetAsync(path);
            Assert.Equal((HttpStatusCode.OK, "Healthy"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
    }
}
