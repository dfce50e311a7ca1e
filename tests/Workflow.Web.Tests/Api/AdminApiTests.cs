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

/// <summary>发件箱's 立即检查提醒 button does the same for the admin in the browser.</summary>
public sealed class OutboxSweepButtonTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Admin_presses_the_button_and_sees_what_was_recorded()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        Assert.Contains("立即检查提醒", await admin.GetPageAsync("/Admin/Outbox"));
        var first = await admin.PostFormToAsync("/Admin/Outbox", "/Admin/Outbox?handler=Sweep");
        Assert.Equal("/Admin/Outbox", PageSession.RedirectPath(first));
        Assert.Matches("^已检查提醒：新记录 [1-9][0-9]* 条提醒", PageSession.Flash(await admin.GetPageAsync("/Admin/Outbox")) ?? "");

        await admin.PostFormToAsync("/Admin/Outbox", "/Admin/Outbox?handler=Sweep");
        // The second press the same day checks only what changed since the first.
        Assert.Equal("已检查提醒：没有新的提醒。本次只检查了上次检查以来有变动的报告和整改事项，每天首次检查为全面检查。",
            PageSession.Flash(await admin.GetPageAsync("/Admin/Outbox")) ?? "");
    }

    [Fact]
    public async Task Other_roles_cannot_reach_the_page()
    {
        using var secretary = await PageSession.SignInAsync(app, "secretary.haishi");
        var response = await secretary.Client.GetAsync("/Admin/Outbox");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
