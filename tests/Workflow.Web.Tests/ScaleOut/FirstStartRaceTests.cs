using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.ScaleOut;

/// <summary>
/// Two app nodes started at the same moment on one empty PostgreSQL database, as when a fresh deployment brings up
/// every node at once: the database creation, migrations, seeding and the first data-protection key race each other.
/// Both nodes come up, and a sign-in issued by either node holds on the other.
/// </summary>
public sealed class FirstStartRaceTests(FirstStartRaceTests.Nodes nodes) : IClassFixture<FirstStartRaceTests.Nodes>
{
    /// <summary>The two nodes, started together once for all the cases.</summary>
    public sealed class Nodes : IAsyncLifetime
    {
        public PostgresAppFactory A { get; private set; } = null!;
        public PostgresAppFactory B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            (A, B) = PostgresAppFactory.PairOnEmptyDatabase();
            using var go = new Barrier(2);
            await Task.WhenAll(Start(A), Start(B));

            Task Start(PostgresAppFactory node) => Task.Factory.StartNew(() =>
            {
                go.SignalAndWait();
                _ = node.Server;
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public async Task DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    [Fact]
    public async Task Both_nodes_come_up_ready_on_one_set_of_seed_data()
    {
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            var response = await node.CreateClient().GetAsync("/health/ready");
            Assert.Equal((HttpStatusCode.OK, "Healthy"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        var onA = await nodes.A.SharedClientAsync("committee.gongwei");
        var onB = await nodes.B.SharedClientAsync("committee.gongwei");
        var inboxA = await onA.GetStringAsync("/api/inbox");
        Assert.Equal(inboxA, await onB.GetStringAsync("/api/inbox"));
        Assert.Contains("CommitteeReview", inboxA);
    }

    [Fact]
    public async Task The_nodes_share_one_data_protection_key_made_by_whichever_started_first()
    {
        // Each node loaded its key ring at start; a second key would mean each node signs with its own until the next
        // refresh (up to a day), and a cookie issued by one is refused by the other.
        await using var scope = nodes.A.Services.CreateAsyncScope();
        Assert.Single(await scope.ServiceProvider.GetRequiredService<PostgresAppDbContext>().DataProtectionKeys.ToListAsync());
    }

    [Theory]
    [InlineData("A", "B")]
    [InlineData("B", "A")]
    public async Task A_sign_in_cookie_issued_by_one_node_is_accepted_by_the_other(string issuer, string verifier)
    {
        var cookies = new CookieContainer();
        await PageSession.SignInAsync(PageSession.WithCookies(Node(issuer), cookies), "secretary.haishi");

        using var onOther = PageSession.WithCookies(Node(verifier), cookies);
        Assert.Contains("周强", await onOther.GetPageAsync("/Inbox"));
    }

    [Theory]
    [InlineData("A", "B")]
    [InlineData("B", "A")]
    public async Task An_API_token_issued_by_one_node_is_accepted_by_the_other(string issuer, string verifier)
    {
        var onIssuer = await Node(issuer).SharedClientAsync("drafter.haishi");
        var onOther = Node(verifier).CreateClient();
        onOther.DefaultRequestHeaders.Authorization = onIssuer.DefaultRequestHeaders.Authorization;

        Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/api/inbox")).StatusCode);
    }

    private PostgresAppFactory Node(string name) => name == "A" ? nodes.A : nodes.B;
}
