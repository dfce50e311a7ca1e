using Workflow.Activities.Reports;

namespace Workflow.Host.Tests;

/// <summary>The inbox lists what waits for me: reports at my step in my units, oldest first; for a drafter, returned reports.</summary>
public abstract class InboxTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Theory]
    [InlineData("secretary.shengtai", "Shengtai", 2026, ReportStatus.SecretaryReview)]
    [InlineData("inspector.team2", "Haishi", 2026, ReportStatus.DisciplineReview)]
    [InlineData("committee.gongwei", "Renda", 2026, ReportStatus.CommitteeReview)]
    [InlineData("drafter.shengtai", "Shengtai", 2025, ReportStatus.Returned)]
    public async Task Each_reviewer_and_drafter_finds_the_seeded_report_waiting_for_him(string userName, string unit, int year, ReportStatus status)
    {
        var expected = await fixture.ReportIdAsync(HostScenarios.DemoUnitId(unit), year);

        var inbox = await fixture.InboxAsync(userName);

        var item = Assert.Single(inbox, i => i.Year < 2030);
        Assert.Equal((expected, status), (item.Id, item.Status));
    }

    [Theory]
    [InlineData("secretary.haishi")]
    [InlineData("drafter.renda")]
    [InlineData("admin")]
    public async Task Nothing_waits_for_a_user_when_no_report_of_his_units_is_at_his_step(string userName)
    {
        Assert.DoesNotContain(await fixture.InboxAsync(userName), i => i.Year < 2030);
    }

    [Fact]
    public async Task The_secretary_sees_submitted_reports_of_his_unit_oldest_first_and_loses_them_once_approved()
    {
        var first = await fixture.CreateAsync("drafter.kexie", 2030);
        var second = await fixture.CreateAsync("drafter.kexie", 2031);
        var third = await fixture.CreateAsync("drafter.kexie", 2032);
        foreach (var report in new[] { second, first, third })
        {
            fixture.Clock.Advance(TimeSpan.FromHours(1));
            await fixture.ExecuteAsync("drafter.kexie", report.Id, ReportCommand.Submit);
        }

        Assert.Equal([second.Id, first.Id, third.Id], (await fixture.InboxAsync("secretary.kexie")).Select(i => i.Id));
        Assert.DoesNotContain(await fixture.InboxAsync("secretary.shengtai"), i => i.Year >= 2030);
        Assert.DoesNotContain(await fixture.InboxAsync("inspector.team1"), i => i.Year >= 2030);
        Assert.DoesNotContain(await fixture.InboxAsync("drafter.kexie"), i => i.Year >= 2030);

        await fixture.ExecuteAsync("secretary.kexie", first.Id, ReportCommand.Approve);

        Assert.Equal([second.Id, third.Id], (await fixture.InboxAsync("secretary.kexie")).Select(i => i.Id));
        Assert.Equal([first.Id], (await fixture.InboxAsync("inspector.team1")).Where(i => i.Year >= 2030).Select(i => i.Id));
        Assert.DoesNotContain(await fixture.InboxAsync("inspector.team2"), i => i.Year >= 2030);

        await fixture.ExecuteAsync("secretary.kexie", second.Id, ReportCommand.Return, "请补充问题清单。");

        Assert.Equal([second.Id], (await fixture.InboxAsync("drafter.kexie")).Select(i => i.Id));
        Assert.DoesNotContain(await fixture.InboxAsync("drafter.shengtai"), i => i.Id == second.Id);
    }

    [Fact]
    public async Task The_inbox_counts_the_days_a_report_has_waited_in_china_calendar_days()
    {
        // Submitted at 20:00 China time (12:00 UTC).
        var now = fixture.Clock.GetUtcNow();
        var evening = new DateTimeOffset(now.UtcDateTime.Date.AddHours(12), TimeSpan.Zero);
        fixture.Clock.Advance((evening > now ? evening : evening.AddDays(1)) - now);
        var report = await fixture.CreateAsync("drafter.haishi", 2033);
        await fixture.ExecuteAsync("drafter.haishi", report.Id, ReportCommand.Submit);
        var submittedAt = fixture.Clock.GetUtcNow();

        async Task<int> DaysWaitingAsync()
        {
            var item = Assert.Single(await fixture.InboxAsync("secretary.haishi"), i => i.Id == report.Id);
            Assert.Equal(submittedAt, item.WaitingSince);
            return item.DaysWaiting;
        }

        fixture.Clock.Advance(TimeSpan.FromHours(3.9));
        Assert.Equal(0, await DaysWaitingAsync());
        // 09:00 the next morning: 13 hours, but yesterday's report has waited 1 day.
        fixture.Clock.Advance(TimeSpan.FromHours(9.1));
        Assert.Equal(1, await DaysWaitingAsync());
        // 23:59 that day, and just past midnight: the count turns with the China date.
        fixture.Clock.Advance(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(59));
        Assert.Equal(1, await DaysWaitingAsync());
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(2, await DaysWaitingAsync());
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(5, await DaysWaitingAsync());
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class InboxTests(HostFixture fixture) : InboxTestsCases<HostFixture>(fixture);

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class InboxTestsOnPostgreSql(PostgresHostFixture fixture) : InboxTestsCases<PostgresHostFixture>(fixture);
