using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Messages;

/// <summary>/api/messages: the drafter hears of her returned report, reads it; nobody else can touch her message; preferences per kind.</summary>
public sealed class MessagesApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Message(long Id, string Kind, string KindName, string Title, string? Body, string Link, bool Read);
    private sealed record MessagePage(Message[] Items, int Page, int PageSize, int Total, int Unread);
    private sealed record Preference(string Kind, string KindName, string Delivery, string DeliveryName);

    [Fact]
    public async Task The_drafter_reads_the_return_of_her_report_and_another_users_id_is_not_found()
    {
        var unit = DemoUnit.Renda;
        var report = await app.CreateReportAsync(unit, "SecretaryReview");
        var secretary = await app.SharedClientAsync(unit.Secretary);
        await secretary.PostJsonAsync($"/api/reports/{report.Id}/return", new { comment = "请补充问题清单。" }).ExpectAsync(HttpStatusCode.OK);

        var drafter = await app.SharedClientAsync(unit.Drafter);
        var page = await drafter.GetAsync("/api/messages?pageSize=5").ExpectAsync<MessagePage>(HttpStatusCode.OK);
        var message = Assert.Single(page.Items, m => m.Link == $"/Reports/Details/{report.Id}");
        Assert.Equal(("ReportDecided", "我的报告被退回或通过", false), (message.Kind, message.KindName, message.Read));
        Assert.Equal("退回意见：请补充问题清单。", message.Body);
        Assert.True(page.Unread >= 1);
        Assert.Equal(page.Unread, (await drafter.GetAsync("/api/messages/unread-count").ExpectAsync<Dictionary<string, int>>(HttpStatusCode.OK))["unread"]);

        // The secretary, and the drafter of another unit, cannot read or mark it: it does not exist for them.
        await (await secretary.PostJsonAsync($"/api/messages/{message.Id}/read")).AssertProblemAsync(HttpStatusCode.NotFound, "message-not-found");
        var other = await app.SharedClientAsync(DemoUnit.Haishi.Drafter);
        await (await other.PostJsonAsync($"/api/messages/{message.Id}/read")).AssertProblemAsync(HttpStatusCode.NotFound, "message-not-found");
        Assert.DoesNotContain((await other.GetAsync("/api/messages?pageSize=100").ExpectAsync<MessagePage>(HttpStatusCode.OK)).Items,
            m => m.Id == message.Id);

        var read = await drafter.PostJsonAsync($"/api/messages/{message.Id}/read").ExpectAsync<Message>(HttpStatusCode.OK);
        Assert.True(read.Read);
        await drafter.PostJsonAsync("/api/messages/read-all").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (await drafter.GetAsync("/api/messages/unread-count").ExpectAsync<Dictionary<string, int>>(HttpStatusCode.OK))["unread"]);
    }

    [Fact]
    public async Task Preferences_default_to_mail_and_change_per_kind()
    {
        var client = await app.SharedClientAsync(DemoUnit.Shengtai.Secretary);
        var before = await client.GetAsync("/api/messages/preferences").ExpectAsync<Preference[]>(HttpStatusCode.OK);
        Assert.Contains(before, p => p is { Kind: "Urge", KindName: "催办" });

        var after = await client.PutJsonAsync("/api/messages/preferences",
            new { preferences = new[] { new { kind = "Urge", delivery = "InApp" }, new { kind = "ReminderOverdue", delivery = "Digest" } } })
            .ExpectAsync<Preference[]>(HttpStatusCode.OK);
        Assert.Equal(("InApp", "仅站内"), after.Where(p => p.Kind == "Urge").Select(p => (p.Delivery, p.DeliveryName)).Single());
        Assert.Equal("Digest", after.Single(p => p.Kind == "ReminderOverdue").Delivery);
        Assert.Equal(before.Single(p => p.Kind == "ReportDecided").Delivery, after.Single(p => p.Kind == "ReportDecided").Delivery);

        await (await client.PutJsonAsync("/api/messages/preferences", new { preferences = Array.Empty<object>() }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "message-preferences-missing");
        await (await client.PutJsonAsync("/api/messages/preferences", new { preferences = new[] { new { kind = "Urge", delivery = "Pigeon" } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
