using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>POST /api/admin/reminders/sweep: an administrator runs the reminder sweep now; running it again records nothing twice.</summary>
public sealed class AdminApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record SweepResult(int Recorded, double ElapsedMilliseconds);

    [Fact]
    public async Task Admin_runs_the_sweep_now_and_a_second_run_records_nothing()
    {
        var admin = await app.SharedClientAsync("admin");
        var first = await admin.PostJsonAsync("/api/admin/reminders/sweep").ExpectAsync<SweepResult>(HttpStatusCode.OK);
        // The demo has reports waiting at every review step and overdue rectification items: there is something to remind of.
        Assert.True(first.Recorded > 0, $"recorded {first.Recorded}");
        Assert.True(first.ElapsedMilliseconds > 0);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notifications = await db.Notifications.CountAsync();
        Assert.True(notifications >= first.Recorded);

        var second = await admin.PostJsonAsync("/api/admin/reminders/sweep").ExpectAsync<SweepResult>(HttpStatusCode.OK);
        Assert.Equal(0, second.Recorded);
        Assert.Equal(notifications, await db.Notifications.CountAsync());
    }

    [Theory]
    [InlineData("drafter.haishi")]
    [InlineData("secretary.haishi")]
    [InlineData("inspector.team2")]
    [InlineData("committee.gongwei")]
    public async Task Only_an_administrator_may_run_it(string userName)
    {
        var client = await app.SharedClientAsync(userName);
        var problem = await (await client.PostJsonAsync("/api/admin/reminders/sweep")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.True(ApiContract.ContainsChinese(problem.Title));
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        using var anonymous = app.CreateClient();
        await anonymous.PostJsonAsync("/api/admin/reminders/sweep").ExpectAsync(HttpStatusCode.Unauthorized);
    }
}
