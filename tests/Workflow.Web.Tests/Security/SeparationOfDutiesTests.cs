using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Security;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Security;

/// <summary>
/// 三员分立 as a matrix: each of the three administrators (系统管理员 admin, 安全保密管理员 secadmin, 安全审计员 auditor)
/// against every admin, security, audit and reports page and API endpoint — allowed exactly his part, and every refusal
/// (403 on the API, the access-denied page on pages) recorded in the security audit log as PermissionDenied.
/// </summary>
public sealed class SeparationOfDutiesTests(AppFactory app) : IClassFixture<AppFactory>
{
    public enum Part { SystemAdmin, SecurityAdmin, Auditor, Reports, Everyone }

    private static readonly (string Path, Part Part)[] Pages =
    [
        ("/Admin/Users", Part.SystemAdmin), ("/Admin/Users/Create", Part.SystemAdmin), ("/Admin/Units", Part.SystemAdmin),
        ("/Admin/Units/Create", Part.SystemAdmin), ("/Admin/Routes", Part.SystemAdmin), ("/Admin/Routes/Publish", Part.SystemAdmin),
        ("/Admin/Cycles", Part.SystemAdmin), ("/Admin/Calendar", Part.SystemAdmin), ("/Admin/Outbox", Part.SystemAdmin),
        ("/hangfire", Part.SystemAdmin),
        ("/Security", Part.SecurityAdmin),
        ("/Audit", Part.Auditor), ("/Audit?handler=Export", Part.Auditor),
        ("/Inbox", Part.Reports), ("/Reports", Part.Reports), ("/Rectifications", Part.Reports), ("/Reports/Create", Part.Reports),
        ("/Account/Profile", Part.Everyone),
    ];

    private static readonly (string Method, string Path, Part Part)[] Endpoints =
    [
        ("POST", "/api/admin/reminders/sweep", Part.SystemAdmin),
        ("GET", "/api/audit", Part.Auditor), ("GET", "/api/audit/export", Part.Auditor),
        ("GET", "/api/reports", Part.Reports), ("GET", "/api/inbox", Part.Reports), ("GET", "/api/rectifications", Part.Reports),
        ("GET", "/api/rectifications/export", Part.Reports),
    ];

    private static readonly (string UserName, Part Part)[] Administrators =
        [("admin", Part.SystemAdmin), ("secadmin", Part.SecurityAdmin), ("auditor", Part.Auditor)];

    /// <summary>Whether an administrator may use a part: his own, and the 系统管理员 keeps the (unit-scoped, for him empty) report pages.</summary>
    private static bool Allowed(Part holder, Part part) =>
        part == Part.Everyone || part == holder || (part == Part.Reports && holder == Part.SystemAdmin);

    public static TheoryData<string, string> PageCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (user, _) in Administrators)
            foreach (var (path, _) in Pages)
                data.Add(user, path);
        return data;
    }

    public static TheoryData<string, string, string> ApiCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (user, _) in Administrators)
            foreach (var (method, path, _) in Endpoints)
                data.Add(user, method, path);
        return data;
    }

    [Theory]
    [MemberData(nameof(PageCases))]
    public async Task Each_administrator_opens_exactly_his_pages(string userName, string path)
    {
        var allowed = Allowed(Administrators.Single(a => a.UserName == userName).Part, Pages.Single(p => p.Path == path).Part);
        using var session = await PageSession.SignInAsync(app, userName);
        var deniedBefore = await DeniedCountAsync(userName, path);

        var response = await session.GetAsync(path);

        if (allowed)
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{userName} GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied")),
                $"{userName} GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
            Assert.Equal(deniedBefore + 1, await DeniedCountAsync(userName, path));
        }
    }

    [Theory]
    [MemberData(nameof(ApiCases))]
    public async Task Each_administrator_calls_exactly_his_endpoints(string userName, string method, string path)
    {
        var allowed = Allowed(Administrators.Single(a => a.UserName == userName).Part, Endpoints.Single(e => e.Path == path).Part);
        var client = await app.SharedClientAsync(userName);
        var deniedBefore = await DeniedCountAsync(userName, path);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        if (allowed)
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{userName} {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        else
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            Assert.True(ApiContract.ContainsChinese(problem.Title));
            Assert.Equal(deniedBefore + 1, await DeniedCountAsync(userName, path));
        }
    }

    [Theory]
    [InlineData("admin", "/Admin/Users")]
    [InlineData("secadmin", "/Security")]
    [InlineData("auditor", "/Audit")]
    public async Task Home_and_navigation_lead_each_administrator_to_his_own_pages_only(string userName, string home)
    {
        using var session = await PageSession.SignInAsync(app, userName);

        var response = await session.GetAsync("/");
        Assert.Equal(home, response.Headers.Location?.OriginalString);
        var html = await session.GetDecodedPageAsync(home);
        var nav = html[html.IndexOf("<nav class=\"nav\">", StringComparison.Ordinal)..html.IndexOf("</nav>", StringComparison.Ordinal)];

        Assert.Equal(userName == "admin", nav.Contains("/Admin/Users"));
        Assert.Equal(userName == "secadmin", nav.Contains("/Security"));
        Assert.Equal(userName == "auditor", nav.Contains("/Audit"));
        Assert.DoesNotContain("/Reports", nav);
        Assert.DoesNotContain("/Inbox", nav);
    }

    private async Task<int> DeniedCountAsync(string userName, string path)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var kind = nameof(SecurityEventKind.PermissionDenied);
        var rows = await db.SecurityAudit.AsNoTracking().Where(e => e.Kind == kind && e.Account == userName && !e.Succeeded)
            .Select(e => e.Detail!).ToListAsync();
        // The detail is "METHOD /path?query": count this exact request line.
        return rows.Count(d => d.EndsWith(" " + path, StringComparison.Ordinal));
    }
}
