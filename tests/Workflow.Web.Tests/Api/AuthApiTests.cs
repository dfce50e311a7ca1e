using System.Net;
using System.Net.Http.Headers;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>Signing in for a token, lockout after repeated failures, and what the API does without a valid token.</summary>
[Collection(ClockedAppCollection.Name)]
public sealed class AuthApiTests(AppFactory app)
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    private Task<HttpResponseMessage> LoginAsync(string userName, string password) =>
        app.CreateClient().PostJsonAsync("/api/auth/login", new { userName, password });

    [Fact]
    public async Task Good_credentials_give_a_token_that_lives_one_hour()
    {
        var response = await LoginAsync("drafter.haishi", AppFactory.Password).ExpectAsync(HttpStatusCode.OK);
        var token = await response.ReadAsync<LoginResponse>();

        Assert.False(string.IsNullOrWhiteSpace(token.AccessToken));
        Assert.Equal(app.Clock.GetUtcNow() + TokenLifetime, token.ExpiresAt);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401_problem()
    {
        var wrongPassword = await (await LoginAsync("drafter.haishi", "Wrong@Pass1")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var unknownUser = await (await LoginAsync("nobody.here", AppFactory.Password)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var noPassword = await (await LoginAsync("drafter.haishi", "")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        Assert.Equal("用户名或密码错误；连续失败多次的账号将暂时锁定。", wrongPassword.Title);
        Assert.Equal(wrongPassword, unknownUser);
        Assert.Equal(wrongPassword, noPassword);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_of_the_apps_clock_without_saying_so()
    {
        const string user = "drafter.kexie";
        for (var attempt = 1; attempt <= 5; attempt++)
            await (await LoginAsync(user, "Wrong@Pass1")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        var locked = await (await LoginAsync(user, AppFactory.Password)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var unknown = await (await LoginAsync("nobody.kexie", AppFactory.Password)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(unknown, locked);

        app.Clock.Advance(LockoutTime - TimeSpan.FromSeconds(30));
        await (await LoginAsync(user, AppFactory.Password)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await LoginAsync(user, AppFactory.Password).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Parallel_guesses_still_lock_the_account()
    {
        const string user = "drafter.renda";
        // One client, created before the race: twelve threads creating the first client would start twelve apps.
        var client = app.CreateClient();

        var answers = await Race.RunAsync([user], Enumerable.Range(0, 12)
            .Select(i => (Func<string, Task<HttpResponseMessage>>)(name =>
                client.PostJsonAsync("/api/auth/login", new { userName = name, password = $"Wrong@Pass{i}" })))
            .ToArray());
        foreach (var answer in answers[user])
            await answer.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        await (await LoginAsync(user, AppFactory.Password)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        app.Clock.Advance(LockoutTime + TimeSpan.FromSeconds(1));
        await LoginAsync(user, AppFactory.Password).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_successful_login_forgives_earlier_failures()
    {
        const string user = "secretary.kexie";
        for (var attempt = 1; attempt <= 4; attempt++)
            await (await LoginAsync(user, "Wrong@Pass1")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        await LoginAsync(user, AppFactory.Password).ExpectAsync(HttpStatusCode.OK);

        await (await LoginAsync(user, "Wrong@Pass1")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        await LoginAsync(user, AppFactory.Password).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_is_refused_once_it_has_expired()
    {
        var client = await app.ClientForAsync("drafter.haishi");
        await client.GetAsync("/api/reports").ExpectAsync(HttpStatusCode.OK);

        app.Clock.Advance(TokenLifetime - TimeSpan.FromMinutes(1));
        await client.GetAsync("/api/reports").ExpectAsync(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await (await client.GetAsync("/api/reports")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await client.PostJsonAsync($"/api/reports/{Guid.NewGuid()}/submit")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("GET", "/api/reports")]
    [InlineData("GET", "/api/inbox")]
    [InlineData("POST", "/api/reports")]
    [InlineData("GET", "/api/reports/00000000-0000-0000-0000-000000000001/journal")]
    [InlineData("POST", "/api/reports/00000000-0000-0000-0000-000000000001/approve")]
    public async Task Without_a_token_the_api_answers_401_problem(string method, string url)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("请先登录或提供有效的访问令牌。", problem.Title);
    }

    [Fact]
    public async Task A_forged_token_is_a_401_problem()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8forged-token-that-was-never-issued");

        await (await client.GetAsync("/api/reports")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt);
}
