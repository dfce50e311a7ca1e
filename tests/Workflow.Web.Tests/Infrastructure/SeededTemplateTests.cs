using System.Net;
using System.Net.Http.Json;

namespace Workflow.Web.Tests.Infrastructure;

/// <summary>
/// The seeded template (<see cref="SeededTemplate"/>) stands in for a first start only where that start would write the same:
/// a plain app begins from it and finds the demo data; an app whose first start would differ migrates and seeds for real.
/// </summary>
public sealed class SeededTemplateTests
{
    [Fact]
    public async Task A_plain_app_begins_from_the_template_with_the_demo_users_and_reports()
    {
        await using var app = new AppFactory();
        var committee = await app.ClientForAsync(DemoUnit.Committee);

        Assert.True(app.StartedFromTemplate);
        var reports = await committee.GetAsync("/api/reports").ExpectAsync<List<ApiContract.ReportListItem>>(HttpStatusCode.OK);
        Assert.Contains(reports, r => r.UnitName == DemoUnit.Kexie.Name);
    }

    [Fact]
    public async Task An_app_started_at_another_time_or_without_the_demo_starts_for_real()
    {
        await using var later = new AppFactory();
        later.Clock.Advance(TimeSpan.FromDays(1));
        _ = await later.ClientForAsync(DemoUnit.Committee);
        Assert.False(later.StartedFromTemplate);

        await using var bare = new AppFactory { Settings = { ["Demo:Seed"] = "false" } };
        var login = await bare.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = DemoUnit.Committee, password = AppFactory.Password });
        Assert.False(bare.StartedFromTemplate);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }
}
