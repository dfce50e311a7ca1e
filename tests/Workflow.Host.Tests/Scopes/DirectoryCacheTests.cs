using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Reports;

namespace Workflow.Host.Tests.Scopes;

/// <summary>
/// The per-node directory (user scopes, routes, units, calendar, role holders) is used again only while the directory stamp
/// holds: a change made on this node or on another node on the same database is seen by the very next request.
/// </summary>
public sealed class DirectoryCacheTests
{
    private sealed class Node(DatabaseProvider provider = DatabaseProvider.PostgreSql) : HostFixture
    {
        protected override DatabaseProvider Provider => provider;

        public void JoinDatabaseOf(Node other) => PostgresConnectionString = other.PostgresConnectionString;

        public Task<Guid> UnitIdAsync(string name) => this.ReadAsync(db => db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_scope_is_kept_while_nothing_changes_and_built_again_after_a_new_post(DatabaseProvider provider)
    {
        var node = new Node(provider);
        await node.InitializeAsync();
        try
        {
            var first = await node.UserAsync("secretary.kexie");
            Assert.Same(first, await node.UserAsync("secretary.kexie"));

            var shengtai = await node.UnitIdAsync("生态环境局");
            Assert.DoesNotContain(shengtai, first.VisibleUnitIds);
            await AddPostAsync(node, first.User.Id, shengtai, RoleNames.PartySecretary);

            var after = await node.UserAsync("secretary.kexie");
            Assert.NotSame(first, after);
            Assert.Contains(shengtai, after.VisibleUnitIds);
            Assert.True(after.Holds(shengtai, RoleNames.PartySecretary));
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_change_on_one_node_is_seen_by_the_next_request_on_the_other()
    {
        var a = new Node();
        await a.InitializeAsync();
        var b = new Node();
        b.JoinDatabaseOf(a);
        await b.InitializeAsync();
        try
        {
            // Node A has built and kept the secretary's scope, the units and the role holders.
            var secretary = await a.UserAsync("secretary.kexie");
            var kexie = await a.UnitIdAsync("市科协");
            var shengtai = await a.UnitIdAsync("生态环境局");
            Assert.Equal("市科协", await UnitNameOnAsync(a, kexie));
            Assert.DoesNotContain(shengtai, secretary.VisibleUnitIds);

            // Node B gives him a post and renames the unit.
            await AddPostAsync(b, secretary.User.Id, shengtai, RoleNames.PartySecretary);
            await using (var scope = b.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var unit = await db.Units.SingleAsync(u => u.Id == kexie);
                unit.Rename("市科学技术协会", unit.Code);
                await db.SaveChangesAsync();
            }

            var again = await a.UserAsync("secretary.kexie");
            Assert.Contains(shengtai, again.VisibleUnitIds);
            Assert.Equal("市科学技术协会", await UnitNameOnAsync(a, kexie));
        }
        finally
        {
            await b.DisposeAsync();
            await a.DisposeAsync();
        }
    }

    private static async Task AddPostAsync(HostFixture node, string userId, Guid unitId, string role)
    {
        await using var scope = node.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.UserPosts.Add(new UserPost { UserId = userId, UnitId = unitId, Role = role, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    private static async Task<string> UnitNameOnAsync(HostFixture node, Guid unitId)
    {
        await using var scope = node.Scope();
        return await scope.ServiceProvider.GetRequiredService<ReportService>().UnitNameAsync(unitId);
    }
}
