using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Admin;

/// <summary>What the admin tests do through the pages and the API, named as the admin would say it.</summary>
internal static class AdminPages
{
    public sealed record ReportListItem(Guid Id, string Title, int Year, string UnitName, string Status, int RouteVersion);

    private sealed record Token(string AccessToken);

    public static Dictionary<string, string?> UnitForm(string name, string code, string kind, Guid? supervisorId = null, Guid? teamId = null) => new()
    {
        ["Input.Name"] = name,
        ["Input.Code"] = code,
        ["Input.Kind"] = kind,
        ["Input.SupervisorId"] = supervisorId?.ToString(),
        ["Input.InspectionTeamId"] = teamId?.ToString(),
    };

    public static Dictionary<string, string?> UserForm(string userName, string role, Guid? unitId, string password) => new()
    {
        ["Input.UserName"] = userName,
        ["Input.DisplayName"] = $"测试用户（{userName}）",
        ["Input.Email"] = $"{userName}@example.gov.cn",
        ["Input.Role"] = role,
        ["Input.UnitId"] = unitId?.ToString(),
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    /// <summary>Creates a unit through the form and returns its id as the unit list links to it.</summary>
    public static async Task<Guid> CreateUnitAsync(PageSession admin, Dictionary<string, string?> form)
    {
        var list = await admin.FollowAsync(await admin.PostFormAsync("/Admin/Units/Create", form), "/Admin/Units");
        // An agency also joins the current reporting cycle when the box (on by default) is ticked.
        Assert.Matches($"已新建单位“{Regex.Escape(form["Input.Name"]!.Trim())}”(，并加入“[^”]+”报告周期)?。", list);
        var code = form["Input.Code"]!.ToUpperInvariant();
        var match = Regex.Match(list, $$"""data-code="{{code}}".*?/Admin/Units/Edit/([0-9a-f-]{36})""", RegexOptions.Singleline);
        Assert.True(match.Success, $"unit {code} is not in the list");
        return Guid.Parse(match.Groups[1].Value);
    }

    /// <summary>Creates an account through the form and returns its id as the user list links to it.</summary>
    public static async Task<string> CreateUserAsync(PageSession admin, string userName, string role, Guid? unitId, string password)
    {
        var list = await admin.FollowAsync(await admin.PostFormAsync("/Admin/Users/Create", UserForm(userName, role, unitId, password)),
            "/Admin/Users");
        Assert.Contains($"已新建用户“{userName}”。", list);
        return UserIdIn(list, userName);
    }

    public static string UserIdIn(string usersHtml, string userName)
    {
        var match = Regex.Match(usersHtml, $"""data-user="{Regex.Escape(userName)}".*?/Admin/Users/Edit/([^"]+)" """.TrimEnd(),
            RegexOptions.Singleline);
        Assert.True(match.Success, $"user {userName} is not in the list");
        return match.Groups[1].Value;
    }

    /// <summary>The table row whose opening tag carries <paramref name="marker"/> (e.g. data-code="KX").</summary>
    public static string RowOf(string html, string marker)
    {
        var match = Regex.Match(html, $"<tr {Regex.Escape(marker)}[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row {marker}");
        return match.Groups[1].Value;
    }

    /// <summary>The 已锁定 flag of the user's row in the user list.</summary>
    public static async Task<bool> IsListedAsLockedAsync(PageSession admin, string userName)
    {
        var match = Regex.Match(await admin.GetDecodedPageAsync("/Admin/Users"), $"""data-user="{Regex.Escape(userName)}" data-locked="(true|false)" """.TrimEnd());
        Assert.True(match.Success, $"user {userName} is not in the list");
        return match.Groups[1].Value == "true";
    }

    public static Task<HttpResponseMessage> ApiLoginAsync(AppFactory app, string userName, string password) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName, password });

    /// <summary>
    /// An API client signed in with the given password. An account the admin created has a one-time password: the first call
    /// replaces it with <see cref="Renewed"/> of it (as the user must), later calls sign in with that.
    /// </summary>
    public static async Task<HttpClient> ApiClientAsync(AppFactory app, string userName, string password)
    {
        var response = await ApiLoginAsync(app, userName, password);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            var changed = await app.CreateClient().PostAsJsonAsync("/api/auth/password",
                new { userName, currentPassword = password, newPassword = Renewed(password) });
            Assert.True(changed.StatusCode == HttpStatusCode.NoContent, $"{userName} could not change the one-time password: {await changed.Content.ReadAsStringAsync()}");
        }
        if (response.StatusCode != HttpStatusCode.OK)
            response = await ApiLoginAsync(app, userName, Renewed(password));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{userName} could not log in: {await response.Content.ReadAsStringAsync()}");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await response.ReadAsync<Token>()).AccessToken);
        return client;
    }

    /// <summary>The password a test user sets in place of his one-time <paramref name="password"/>.</summary>
    public static string Renewed(string password) => password + "#new";

    /// <summary>Asserts the login accepted the password but wants it changed first (one-time password).</summary>
    public static async Task AssertOneTimePasswordAcceptedAsync(AppFactory app, string userName, string password)
    {
        var response = await ApiLoginAsync(app, userName, password);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden && body.Contains("password-change-required"), $"{userName}: {(int)response.StatusCode} {body}");
    }

    public static async Task<ReportListItem[]> ReportsAsync(HttpClient api) =>
        await (await api.GetAsync("/api/reports")).ReadAsync<ReportListItem[]>();

    /// <summary>Five wrong passwords lock an account (Identity's lockout, as configured in the host).</summary>
    public static async Task LockOutAsync(AppFactory app, string userName)
    {
        for (var i = 0; i < 5; i++)
            await ApiLoginAsync(app, userName, "Wrong@Pass1");
    }
}
