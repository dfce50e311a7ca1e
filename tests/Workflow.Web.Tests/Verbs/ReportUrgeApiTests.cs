using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Calendar;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Mail;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Verbs;

/// <summary>
/// 催办 from the report itself: a drafter or a supervisor urges whoever the report waits for — one 【催办】 mail and one message,
/// once a China day per report and step, even for a report outside any reporting cycle; never the reviewer himself.
/// </summary>
[Collection(ClockedAppCollection.Name)]
public sealed class ReportUrgeApiTests(AppFactory app)
{
    public sealed record Urged(Guid ReportId, string Step, DateOnly Day, string Recipients, string UrgedBy, DateTimeOffset At, int Mails);
    public sealed record UrgeRow(Guid ReportId, string Step, DateOnly Day, string Recipients, string UrgedBy, DateTimeOffset At);
    public sealed record Message(long Id, string Kind, string Title, string Link);
    public sealed record MessagePage(Message[] Items, int Total);
    public sealed record Journal(int Sequence, string Action);

    [Fact]
    public async Task The_drafter_urges_the_secretary_once_a_day_and_again_the_next_working_day()
    {
        var unit = DemoUnit.Renda;
        // A year no reporting cycle covers: the urge needs no cycle.
        var report = await app.CreateReportAsync(unit, "SecretaryReview");
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var journalBefore = await drafter.GetAsync($"/api/reports/{report.Id}/journal").ExpectAsync<Journal[]>(HttpStatusCode.OK);
        var today = ChinaTime.Today(app.Clock);

        var urged = await drafter.PostJsonAsync($"/api/reports/{report.Id}/urge").ExpectAsync<Urged>(HttpStatusCode.OK);

        Assert.Equal(("SecretaryReview", today, 1), (urged.Step, urged.Day, urged.Mails));
        Assert.Contains("党组书记", urged.Recipients);
        var mail = Assert.Single(await MailsAsync(report.Id));
        Assert.Equal($"{unit.Secretary}@example.gov.cn", mail.ToAddress);
        Assert.StartsWith($"【催办】{unit.Name}的《{report.Title}》正在“党组书记审核”环节等待您审核", mail.Subject);
        Assert.Contains($"{urged.UrgedBy}提醒您", mail.TextBody);
        Assert.Contains($"/Reports/Details/{report.Id}", mail.TextBody);
        var secretary = await app.SharedClientAsync(unit.Secretary);
        Assert.Equal(1, await UrgeMessagesAsync(secretary, mail.Subject));
        // The journal is the sign-off record: no row for a 催办.
        Assert.Equal(journalBefore.Length, (await drafter.GetAsync($"/api/reports/{report.Id}/journal").ExpectAsync<Journal[]>(HttpStatusCode.OK)).Length);

        // The same day: refused for the drafter and for the inspection team alike, naming who urged; nothing more is sent.
        var again = await (await drafter.PostJsonAsync($"/api/reports/{report.Id}/urge")).AssertProblemAsync(HttpStatusCode.Conflict, "already-urged");
        Assert.StartsWith($"今天已由{urged.UrgedBy}催办", again.Title);
        var team = await app.SharedClientAsync(unit.Inspector);
        await (await team.PostJsonAsync($"/api/reports/{report.Id}/urge")).AssertProblemAsync(HttpStatusCode.Conflict, "already-urged");
        Assert.Single(await MailsAsync(report.Id));
        Assert.Equal(1, await UrgeMessagesAsync(secretary, mail.Subject));

        // The reviewer the report waits for may not urge himself; another unit's drafter does not see it.
        await (await secretary.PostJsonAsync($"/api/reports/{report.Id}/urge")).AssertProblemAsync(HttpStatusCode.Forbidden, "urge-own-step");
        var stranger = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);
        await (await stranger.PostJsonAsync($"/api/reports/{report.Id}/urge")).AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");
        await (await stranger.GetAsync($"/api/reports/{report.Id}/urges")).AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");

        // The next working day the team may urge again.
        do app.Clock.Advance(TimeSpan.FromDays(1));
        while (!(await CalendarAsync()).IsWorkingDay(ChinaTime.Today(app.Clock)));
        team = await app.SharedClientAsync(unit.Inspector);
        var next = await team.PostJsonAsync($"/api/reports/{report.Id}/urge").ExpectAsync<Urged>(HttpStatusCode.OK);
        Assert.Equal(ChinaTime.Today(app.Clock), next.Day);
        Assert.Equal(2, (await MailsAsync(report.Id)).Count);

        var history = await (await app.SharedClientAsync(unit.Drafter)).GetAsync($"/api/reports/{report.Id}/urges").ExpectAsync<UrgeRow[]>(HttpStatusCode.OK);
        Assert.Equal([next.UrgedBy, urged.UrgedBy], history.Select(h => h.UrgedBy));
        Assert.All(history, h => Assert.Equal((report.Id, "SecretaryReview"), (h.ReportId, h.Step)));
    }

    [Fact]
    public async Task An_approved_report_or_a_draft_waits_for_nobody_and_only_drafters_and_supervisors_urge()
    {
        var unit = DemoUnit.Renda;
        var approved = await app.CreateReportAsync(unit, "Approved");
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var problem = await (await drafter.PostJsonAsync($"/api/reports/{approved.Id}/urge")).AssertProblemAsync(HttpStatusCode.Conflict, "urge-not-waiting");
        Assert.Contains("已审核通过", problem.Title);
        var draft = await app.CreateReportAsync(unit, "Draft");
        await (await drafter.PostJsonAsync($"/api/reports/{draft.Id}/urge")).AssertProblemAsync(HttpStatusCode.Conflict, "urge-not-waiting");

        // At the committee: the secretary (neither drafter nor supervisor) may not urge, the committee waits itself, the team may.
        var atCommittee = await app.CreateReportAsync(unit, "CommitteeReview");
        await (await (await app.SharedClientAsync(unit.Secretary)).PostJsonAsync($"/api/reports/{atCommittee.Id}/urge"))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "urge-forbidden");
        await (await (await app.SharedClientAsync(DemoUnit.Committee)).PostJsonAsync($"/api/reports/{atCommittee.Id}/urge"))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "urge-own-step");
        var byTeam = await (await app.SharedClientAsync(unit.Inspector)).PostJsonAsync($"/api/reports/{atCommittee.Id}/urge").ExpectAsync<Urged>(HttpStatusCode.OK);
        Assert.Equal("CommitteeReview", byTeam.Step);
        Assert.Equal(["committee.gongwei@example.gov.cn"], (await MailsAsync(atCommittee.Id)).Select(m => m.ToAddress));
    }

    private async Task<List<OutboxMessage>> MailsAsync(Guid reportId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var prefix = $"urge:{reportId:N}:";
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.AsNoTracking().Where(m => m.Key.StartsWith(prefix))
            .OrderBy(m => m.Id).ToListAsync();
    }

    private async Task<WorkingCalendar> CalendarAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalendarStore>().LoadAsync();
    }

    private static async Task<int> UrgeMessagesAsync(HttpClient client, string subject) =>
        (await client.GetAsync("/api/messages?pageSize=100").ExpectAsync<MessagePage>(HttpStatusCode.OK)).Items.Count(m => m.Kind == "Urge" && m.Title == subject);
}
