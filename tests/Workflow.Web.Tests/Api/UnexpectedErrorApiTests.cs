using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>The app as a developer runs it: exceptions escape the endpoints (bad requests throw there).</summary>
public sealed class DevelopmentAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

/// <summary>
/// Exceptions that reach the exception handler still answer /api callers with problem+json, not with the HTML error
/// page (or, for a POST, the page's antiforgery 400 with no body).
/// </summary>
public sealed class UnexpectedErrorApiTests(DevelopmentAppFactory app) : IClassFixture<DevelopmentAppFactory>
{
    [Theory]
    [InlineData("POST", "/api/reports", """{"title":"年度报告","year":""")]
    [InlineData("POST", "/api/reports", "null")]
    [InlineData("POST", "/api/auth/login", "null")]
    [InlineData("PUT", "/api/reports/00000000-0000-0000-0000-000000000001", "{")]
    public async Task Malformed_json_is_a_400_problem_in_development_too(string method, string url, string json)
    {
        var drafter = await app.SharedClientAsync(DemoUnit.Haishi.Drafter);

        var response = await drafter.SendRawAsync(new HttpMethod(method), url, json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task A_failure_inside_the_api_is_a_500_problem_without_internals()
    {
        var report = await app.CreateReportAsync(DemoUnit.Haishi, "Draft");
        var drafter = await app.SharedClientAsync(DemoUnit.Haishi.Drafter);
        await ExecuteSqlAsync("ALTER TABLE ReportRevisions RENAME TO ReportRevisionsAway");
        try
        {
            var response = await drafter.GetAsync($"/api/reports/{report.Id}/revisions");

            var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError, "error");
            Assert.DoesNotContain("ReportRevisions", problem.Detail ?? "");
            Assert.DoesNotContain("ReportRevisions", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await ExecuteSqlAsync("ALTER TABLE ReportRevisionsAway RENAME TO ReportRevisions");
        }
        await drafter.GetAsync($"/api/reports/{report.Id}/revisions").ExpectAsync(HttpStatusCode.OK);
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}
