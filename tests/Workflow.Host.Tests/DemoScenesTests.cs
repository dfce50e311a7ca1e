using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Calendar;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Host.Calendar;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests;

/// <summary>
/// The demo data shows issue 15's cases on first login whatever day it is: a late unit, a unit without a report, a returned report
/// with its comment, a rejected closure, an extension waiting for decision and a long-term item due for its periodic review.
/// </summary>
public abstract class DemoScenesTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Fact]
    public async Task The_late_unit_waits_at_its_secretary_past_the_step_deadline()
    {
        var (report, limit, calendar) = await fixture.ReadAsync(async db => (
            await db.Reports.AsNoTracking().SingleAsync(r => r.UnitId == DemoSeeder.Shenji),
            (await db.Routes.AsNoTracking().OrderByDescending(r => r.Version).FirstAsync()).First.TimeLimitWorkingDays,
            new WorkingCalendar(await db.CalendarDays.AsNoTracking().ToListAsync())));

        var deadline = StepDeadline.Of(report.StatusSince, limit, ChinaTime.Today(fixture.Clock), calendar);

        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
        Assert.Equal(DeadlineUrgency.Overdue, deadline.Urgency);
        Assert.Contains(await fixture.InboxAsync("secretary.shenji"), i => i.Id == report.Id);
    }

    [Fact]
    public async Task The_archive_is_in_the_open_cycle_without_any_report()
    {
        var (inCycle, reports) = await fixture.ReadAsync(async db => (
            await db.Cycles.AsNoTracking().Include(c => c.Units).AnyAsync(c => c.Units.Any(u => u.UnitId == DemoSeeder.Jiguan)),
            await db.Reports.CountAsync(r => r.UnitId == DemoSeeder.Jiguan)));

        Assert.True(inCycle);
        Assert.Equal(0, reports);
    }

    [Fact]
    public async Task The_drafter_finds_her_returned_report_with_the_secretary_s_comment()
    {
        var inbox = await fixture.InboxAsync("drafter.tongji");

        var returned = Assert.Single(inbox, r => r.Kind == Inbox.TodoKind.ReportReturned);
        Assert.Equal(ReportStatus.Returned, returned.ReportStatus);
        Assert.Equal(DemoTexts.ReturnComment, returned.LastReturn?.Comment);
        var journal = await fixture.JournalAsync(returned.Id);
        Assert.Equal(DemoTexts.ReturnComment, journal[^1].Comment);
        // Her rejected closure (二次整改) is in the same list.
        Assert.Contains(inbox, r => r.Kind == Inbox.TodoKind.ItemRework);
    }

    [Fact]
    public async Task The_ledger_holds_a_rejected_closure_an_extension_request_and_a_review_due_today()
    {
        var items = await fixture.ReadAsync(db => db.RectificationItems.AsNoTracking().Where(i => i.UnitId == DemoSeeder.Tongji)
            .OrderBy(i => i.Sequence).ToListAsync());
        var drafter = await fixture.UserAsync("drafter.tongji");
        var today = ChinaTime.Today(fixture.Clock);

        Assert.All(items, i => Assert.Equal(drafter.Actor.UserId, i.OwnerId));
        Assert.Equal((RectificationStatus.InProgress, 1), (items[0].Status, items[0].ReworkCount));
        Assert.True(items[1].ExtensionRequestedTo > items[1].Deadline);
        Assert.Equal((RectificationStatus.LongTerm, today), (items[2].Status, items[2].NextReviewOn));
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var before = await CountsAsync();

        await using (var scope = fixture.Scope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(HostFixture.Password);

        Assert.Equal(before, await CountsAsync());
    }

    private Task<(int, int, int, int, int)> CountsAsync() => fixture.ReadAsync(async db => (await db.Units.CountAsync(),
        await db.Users.CountAsync(), await db.Reports.CountAsync(), await db.RectificationItems.CountAsync(), await db.RectificationJournal.CountAsync()));
}

public sealed class DemoScenesTests(HostFixture fixture) : DemoScenesTestsCases<HostFixture>(fixture);

/// <summary>First login on a Saturday of the National Day holiday: the working calendar still makes the late unit late.</summary>
public sealed class DemoScenesOnAHolidayTests(DemoScenesOnAHolidayTests.HolidayFixture fixture)
    : DemoScenesTestsCases<DemoScenesOnAHolidayTests.HolidayFixture>(fixture)
{
    public sealed class HolidayFixture : HostFixture
    {
        protected override DateTimeOffset StartTime => new(2026, 10, 3, 2, 0, 0, TimeSpan.Zero);
    }
}
