using System.Net;
using System.Text.Json;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Rectification;

/// <summary>
/// 问题反弹 through the API: a proposal and a created item name the unit's similar item of an earlier year, /similar answers it
/// within the unit's scope, /recurrences groups it for the committee and the unit's team only, and the statistics count it.
/// </summary>
public sealed class RecurrenceApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await JsonAsync(response, expected)).GetProperty("type").GetString();
    }

    [Fact]
    public async Task A_proposal_from_a_later_report_names_last_years_item_and_an_unrelated_one_names_none()
    {
        var scene = await RecurrenceScenario.OnceAsync(app);
        var drafter = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);

        var proposals = await JsonAsync(await drafter.PostJsonAsync($"/api/reports/{scene.LaterReportId}/problems"));

        Assert.Equal(2, proposals.GetArrayLength());
        // Best first: last year's near copy, then (above the threshold too) the demo's older rewording.
        var similar = proposals[0].GetProperty("similar")[0];
        Assert.Equal(scene.EarlierCode, similar.GetProperty("code").GetString());
        Assert.Equal($"与{scene.EarlierYear}年整改事项 {scene.EarlierCode} 相似（未开始）", similar.GetProperty("hint").GetString());
        Assert.Equal($"/api/rectifications/{scene.EarlierItemId}", similar.GetProperty("url").GetString());
        Assert.InRange(similar.GetProperty("score").GetDouble(), 0.3, 1);
        Assert.Empty(proposals[1].GetProperty("similar").EnumerateArray());
    }

    [Fact]
    public async Task A_created_item_answers_with_its_similar_earlier_item_and_only_earlier_years_count()
    {
        var scene = await RecurrenceScenario.OnceAsync(app);
        var drafter = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);

        var created = await JsonAsync(await drafter.PostJsonAsync("/api/rectifications",
            new { reportId = scene.LaterReportId, problem = RecurrenceScenario.LaterProblem + "（再次录入）" }), HttpStatusCode.Created);

        var similar = created.GetProperty("similar").EnumerateArray().ToList();
        Assert.Equal(scene.EarlierCode, similar[0].GetProperty("code").GetString());
        // The copy made in its own year is not "earlier"; and last year's item names nothing of its own year or later.
        Assert.All(similar, s => Assert.True(s.GetProperty("year").GetInt32() < scene.LaterYear));
        var earlier = await JsonAsync(await drafter.GetAsync($"/api/rectifications/{scene.EarlierItemId}"));
        Assert.All(earlier.GetProperty("similar").EnumerateArray(), s => Assert.True(s.GetProperty("year").GetInt32() < scene.EarlierYear));
        var unrelated = await JsonAsync(await drafter.PostJsonAsync("/api/rectifications",
            new { problem = "食堂卫生检查记录不全，个别月份未开展自查。" }), HttpStatusCode.Created);
        Assert.Empty(unrelated.GetProperty("similar").EnumerateArray());
    }

    [Fact]
    public async Task Similar_answers_within_the_callers_units_and_refuses_others_and_bad_input()
    {
        var scene = await RecurrenceScenario.OnceAsync(app);
        var drafter = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);
        var text = Uri.EscapeDataString(RecurrenceScenario.LaterProblem);

        var found = await JsonAsync(await drafter.GetAsync($"/api/rectifications/similar?unitId=KX&text={text}&year={scene.LaterYear}"));
        Assert.Equal(scene.EarlierCode, found[0].GetProperty("code").GetString());
        Assert.InRange(found.GetArrayLength(), 1, 3);
        var none = await JsonAsync(await drafter.GetAsync(
            $"/api/rectifications/similar?unitId=KX&text={Uri.EscapeDataString(RecurrenceScenario.NewProblem)}&year={scene.LaterYear}"));
        Assert.Empty(none.EnumerateArray());
        // Compared with the years before the earlier year, last year's item is not among them.
        Assert.DoesNotContain((await JsonAsync(await drafter.GetAsync($"/api/rectifications/similar?unitId=KX&text={text}&year={scene.EarlierYear}")))
            .EnumerateArray(), s => s.GetProperty("code").GetString() == scene.EarlierCode);

        var other = await app.SharedClientAsync(DemoUnit.Haishi.Drafter);
        Assert.Equal("urn:approvalflow:problem:unit-not-found",
            await ProblemTypeAsync(await other.GetAsync($"/api/rectifications/similar?unitId=KX&text={text}"), HttpStatusCode.NotFound));
        Assert.Equal("urn:approvalflow:problem:text-required",
            await ProblemTypeAsync(await drafter.GetAsync("/api/rectifications/similar?unitId=KX"), HttpStatusCode.BadRequest));
        Assert.Equal("urn:approvalflow:problem:text-too-long",
            await ProblemTypeAsync(await drafter.GetAsync($"/api/rectifications/similar?unitId=KX&text={new string('学', 2001)}"), HttpStatusCode.BadRequest));
        Assert.Equal("urn:approvalflow:problem:year-invalid",
            await ProblemTypeAsync(await drafter.GetAsync($"/api/rectifications/similar?unitId=KX&text={text}&year=1900"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Recurrences_group_the_problem_over_both_years_for_the_committee_and_the_units_team_only()
    {
        var scene = await RecurrenceScenario.OnceAsync(app);

        var groups = await JsonAsync(await (await app.SharedClientAsync(DemoUnit.Committee)).GetAsync($"/api/rectifications/recurrences?year={scene.LaterYear}"));
        var kexie = Assert.Single(groups.EnumerateArray(), g => g.GetProperty("unitName").GetString() == "市科协");
        Assert.Equal([scene.EarlierYear, scene.LaterYear], kexie.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(scene.EarlierCode, kexie.GetProperty("items")[0].GetProperty("code").GetString());
        Assert.Contains(kexie.GetProperty("items").EnumerateArray(), i => i.GetProperty("problem").GetString() == RecurrenceScenario.LaterProblem);

        var team1 = await JsonAsync(await (await app.SharedClientAsync(DemoUnit.Kexie.Inspector)).GetAsync("/api/rectifications/recurrences?unit=KX"));
        Assert.Single(team1.EnumerateArray());
        var team2 = await app.SharedClientAsync(DemoUnit.Haishi.Inspector);
        Assert.DoesNotContain((await JsonAsync(await team2.GetAsync("/api/rectifications/recurrences"))).EnumerateArray(),
            g => g.GetProperty("unitName").GetString() == "市科协");
        Assert.Equal("urn:approvalflow:problem:unit-not-found",
            await ProblemTypeAsync(await team2.GetAsync("/api/rectifications/recurrences?unit=KX"), HttpStatusCode.NotFound));
        Assert.Equal("urn:approvalflow:problem:forbidden",
            await ProblemTypeAsync(await (await app.SharedClientAsync(DemoUnit.Kexie.Drafter)).GetAsync("/api/rectifications/recurrences"),
                HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task The_statistics_count_the_recurring_item_of_the_later_year()
    {
        var scene = await RecurrenceScenario.OnceAsync(app);
        var committee = await app.SharedClientAsync(DemoUnit.Committee);

        var years = await JsonAsync(await committee.GetAsync($"/api/statistics?from={scene.LaterYear - 1}&to={scene.LaterYear + 1}"));

        var later = years.GetProperty("years")[1].GetProperty("rectification");
        // The new problem is not a recurrence; the re-listed one is (and so is another copy, when another test created one).
        var total = later.GetProperty("total").GetInt32();
        var recurring = later.GetProperty("recurring").GetInt32();
        Assert.True(total >= 2, $"{total}");
        Assert.Equal(total - 1, recurring);
        Assert.Equal(Math.Round(100.0 * recurring / total, 1, MidpointRounding.AwayFromZero), later.GetProperty("recurrenceRate").GetDouble());
        // A year without items has no rate (null, shown as —), never 0.
        var empty = years.GetProperty("years")[2].GetProperty("rectification");
        Assert.Equal((0, JsonValueKind.Null), (empty.GetProperty("recurring").GetInt32(), empty.GetProperty("recurrenceRate").ValueKind));
    }
}
