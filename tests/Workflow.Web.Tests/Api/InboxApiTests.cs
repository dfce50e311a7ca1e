using System.Net;
using Workflow.Activities.Calendar;
using Workflow.Host.Reminders;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>GET /api/inbox: what waits for me, oldest first, with the China calendar days it has waited by the app's clock.</summary>
[Collection(ClockedAppCollection.Name)]
public sealed class InboxApiTests(AppFactory app)
{
    [Fact]
    public async Task Reports_wait_oldest_first_and_their_days_grow_with_the_clock()
    {
        // Start at 20:00 China time (12:00 UTC), where China calendar days and 24-hour periods differ.
        var start = app.Clock.GetUtcNow();
        var evening = new DateTimeOffset(start.UtcDateTime.Date.AddHours(12), TimeSpan.Zero);
        app.Clock.Advance((evening > start ? evening : evening.AddDays(1)) - start);
        var unit = DemoUnit.Haishi;
        var first = await app.CreateReportAsync(unit, "Draft");
        var second = await app.CreateReportAsync(unit, "Draft");
        var third = await app.CreateReportAsync(unit, "Draft");

        // Submitted in the order second, first, third: the inbox follows the waiting time, not the year or creation.
        var secondSince = await SubmitAsync(unit, second.Id);
        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(3));
        var firstSince = await SubmitAsync(unit, first.Id);
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(20));
        var thirdSince = await SubmitAsync(unit, third.Id);
        app.Clock.Advance(TimeSpan.FromHours(5));

        Guid[] mine = [first.Id, second.Id, third.Id];
        var inbox = (await InboxAsync(unit.Secretary)).Where(i => mine.Contains(i.Id)).ToList();
        Assert.Equal([second.Id, first.Id, third.Id], inbox.Select(i => i.Id));
        Assert.Equal([secondSince, firstSince, thirdSince], inbox.Select(i => i.WaitingSince!.Value));
        // Submitted at 20:00, 23:00 and 19:00 China time; it is now 00:00 (4 d 4 h, 2 d 1 h and 5 h later): China calendar days.
        Assert.Equal([5, 3, 1], inbox.Select(i => i.DaysWaiting));
        Assert.All(inbox, i => Assert.Equal("SecretaryReview", i.Status));

        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal([6, 4, 2], (await InboxAsync(unit.Secretary)).Where(i => mine.Contains(i.Id)).Select(i => i.DaysWaiting));

        // Once the secretary has decided, the report leaves his inbox and waits for the discipline inspection team.
        await (await app.SharedClientAsync(unit.Secretary)).PostJsonAsync($"/api/reports/{first.Id}/approve").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([second.Id, third.Id], (await InboxAsync(unit.Secretary)).Where(i => mine.Contains(i.Id)).Select(i => i.Id));
        var team = await InboxAsync(unit.Inspector);
        var moved = Assert.Single(team, i => i.Id == first.Id);
        Assert.Equal(0, moved.DaysWaiting);
        Assert.Equal(app.Clock.GetUtcNow(), moved.WaitingSince!.Value);
    }

    [Fact]
    public async Task Each_role_sees_only_what_waits_at_its_own_step()
    {
        var now = app.Clock.GetUtcNow();
        foreach (var unit in DemoUnit.All)
        {
            var reports = await (await app.SharedClientAsync(unit.Drafter)).GetAsync("/api/reports")
                .ExpectAsync<ApiContract.ReportListItem[]>(HttpStatusCode.OK);
            await AssertInboxAsync(unit.Drafter, reports, "Returned");
            await AssertInboxAsync(unit.Secretary, reports, "SecretaryReview");
        }

        async Task AssertInboxAsync(string userName, ApiContract.ReportListItem[] reports, string status)
        {
            var inbox = (await InboxAsync(userName)).Where(i => i.Kind is "report-returned" or "report-review").ToList();
            Assert.Equal(reports.Where(r => r.Status == status).Select(r => r.Id).Order(), inbox.Select(i => i.Id).Order());
            Assert.Equal(inbox.OrderBy(i => i.DueDate ?? DateOnly.MaxValue).Select(i => i.Id), inbox.Select(i => i.Id));
            Assert.All(inbox, i => Assert.Equal(ChinaTime.DateOf(now).DayNumber - ChinaTime.DateOf(i.WaitingSince!.Value).DayNumber, i.DaysWaiting));
        }

        // Seeded: 生态环境局's report of last year was returned by the committee 30 days before the app started.
        var returned = Assert.Single(await InboxAsync(DemoUnit.Shengtai.Drafter), i => i.Status == "Returned");
        Assert.True(returned.DaysWaiting >= 30, $"waited {returned.DaysWaiting} days");
        Assert.Equal(("report-returned", "已退回", $"/Reports/Details/{returned.Id}"), (returned.Kind, returned.State, returned.Link));
        Assert.False(string.IsNullOrWhiteSpace(returned.ReturnComment));
        Assert.Contains("马骏", returned.ReturnedBy);

        var committee = (await InboxAsync(DemoUnit.Committee)).Where(i => i.Kind.StartsWith("report-")).ToList();
        Assert.NotEmpty(committee);
        Assert.All(committee, i => Assert.Equal("CommitteeReview", i.Status));
        Assert.All(await InboxAsync(DemoUnit.Haishi.Inspector), i =>
        {
            Assert.Equal("DisciplineReview", i.Status);
            Assert.Contains(i.UnitName, new[] { DemoUnit.Haishi.Name, DemoUnit.Renda.Name });
        });
        Assert.Empty(await InboxAsync(DemoUnit.Admin));
    }

    private async Task<DateTimeOffset> SubmitAsync(DemoUnit unit, Guid id)
    {
        await (await app.SharedClientAsync(unit.Drafter)).PostJsonAsync($"/api/reports/{id}/submit").ExpectAsync(HttpStatusCode.OK);
        return app.Clock.GetUtcNow();
    }

    private async Task<ApiContract.InboxItem[]> InboxAsync(string userName) =>
        await (await app.SharedClientAsync(userName)).GetAsync("/api/inbox").ExpectAsync<ApiContract.InboxItem[]>(HttpStatusCode.OK);
}
