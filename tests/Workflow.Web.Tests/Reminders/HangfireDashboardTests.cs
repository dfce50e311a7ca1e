using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Reminders;

/// <summary>The Hangfire dashboard (后台任务) is for administrators only: 401 when nobody is signed in, 403 for other roles.</summary>
public sealed class HangfireDashboardTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Anonymous_visitor_gets_401()
    {
        using var session = PageSession.Anonymous(app);

        var response = await session.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("drafter.kexie")]
    [InlineData("secretary.kexie")]
    [InlineData("committee.gongwei")]
    public async Task Signed_in_user_without_the_admin_role_gets_403(string userName)
    {
        using var session = await PageSession.SignInAsync(app, userName);

        var dashboard = await session.GetAsync("/hangfire");
        var jobs = await session.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, jobs.StatusCode);
        // The page he can open proves the cookie is valid: the refusal is about the role.
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Inbox")).StatusCode);
    }

    [Fact]
    public async Task Admin_sees_the_dashboard()
    {
        using var session = await PageSession.SignInAsync(app, "admin");

        var html = await session.GetPageAsync("/hangfire");

        Assert.Contains("后台任务", html);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/hangfire/recurring")).StatusCode);
    }
}
