using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;

namespace Workflow.Host.Tests;

/// <summary>Every connection the app opens on SQLite waits in SQLite's busy handler, not in Microsoft.Data.Sqlite's 150 ms sleeps.</summary>
public sealed class SqliteBusyTimeoutTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Connections_opened_by_the_app_carry_the_busy_timeout()
    {
        for (var i = 0; i < 3; i++)
        {
            await using var scope = host.Scope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var timeout = await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();
            Assert.Equal(30_000, timeout);
        }
    }
}
