using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Calendar;
using Workflow.Activities.Reminders;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Reminders;

namespace Workflow.Host.Tests.Mail;

/// <summary>
/// The sweep is a full pass once per China day (and after a setup change) and reads only what changed in between; a reminder
/// that falls due because time passed, with no write at all, is still found by the next day's full pass.
/// </summary>
public abstract class IncrementalSweepTestsCases(MailHostFixtureBase host) : IAsyncLifetime
{
    private readonly MailHostFixtureBase _host = host;

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private Task<SweepTimings> SweepAsync() => _host.WithAsync(async sp =>
    {
        var sweep = sp.GetRequiredService<ReminderSweep>();
        await sweep.SweepAsync();
        return sweep.Timings!;
    });

    private Task<List<Notification>> NotificationsAsync(string keyPrefix) => _host.WithAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Notifications.AsNoTracking().Where(n => n.Key.StartsWith(keyPrefix)).ToListAsync());

    [Fact]
    public async Task A_step_that_becomes_overdue_without_any_write_is_reminded_by_the_next_days_full_pass()
    {
        _host.At("2026-03-02 09:00"); // Monday; the secretary's step has 3 working days, so it is due on Thursday 5 March
        var drafter = await _host.UserAsync("drafter.kexie");
        var report = await _host.ReportsAsync(s => s.CreateAsync(drafter, "2025年度报告", 2025, "正文。"));
        await _host.ReportsAsync(s => s.SubmitAsync(drafter, report.Id));
        _host.At("2026-03-02 09:10"); // past the overlap, so the next pass today has nothing to re-read
        Assert.True((await SweepAsync()).Full);
        var before = await NotificationsAsync($"review:{report.Id}:");
        Assert.DoesNotContain(before, n => n.Kind == ReminderKind.Overdue);

        _host.At("2026-03-02 15:00");
        var later = await SweepAsync();
        Assert.False(later.Full);
        Assert.Equal(0, later.Due);

        // A week later, nothing written since: the day's first sweep is a full pass and finds the overdue step.
        _host.At("2026-03-09 09:00");
        var nextWeek = await SweepAsync();
        Assert.True(nextWeek.Full);
        Assert.True(nextWeek.Added > 0);
        var overdue = Assert.Single(await NotificationsAsync($"review:{report.Id}:"), n => n.Kind == ReminderKind.Overdue);
        Assert.Equal((await _host.UserAsync("secretary.kexie")).User.Id, overdue.UserId);

        // Later that day: nothing changed, nothing planned, nothing recorded twice.
        _host.At("2026-03-09 16:00");
        var again = await SweepAsync();
        Assert.False(again.Full);
        Assert.Equal(0, again.Added);
        Assert.Single(await NotificationsAsync($"review:{report.Id}:"), n => n.Kind == ReminderKind.Overdue);
    }

    [Fact]
    public async Task Between_full_passes_a_changed_report_is_swept_at_once_and_a_calendar_edit_forces_a_full_pass()
    {
        var kexie = await _host.UnitIdAsync("市科协");
        _host.At("2026-03-03 09:00");
        await _host.OpenCycleAsync("2025年度", 2025, new DateOnly(2026, 3, 2), kexie); // due yesterday
        var drafter = await _host.UserAsync("drafter.kexie");
        var report = await _host.ReportsAsync(s => s.CreateAsync(drafter, "2025年度报告", 2025, "正文。"));
        await _host.ReportsAsync(s => s.SubmitAsync(drafter, report.Id));
        Assert.True((await SweepAsync()).Full);
        Assert.Empty(await NotificationsAsync("submission:")); // submitted: nothing owed

        // The drafter withdraws it: the unit owes its report again, and the next sweep that day (not a full pass) says so.
        _host.At("2026-03-03 10:00");
        await _host.ReportsAsync(s => s.WithdrawAsync(drafter, report.Id));
        var changes = await SweepAsync();
        Assert.False(changes.Full);
        Assert.True(changes.Added > 0);
        Assert.Contains(await NotificationsAsync("submission:"), n => n.UserId == drafter.User.Id);

        _host.At("2026-03-03 11:00");
        await _host.WithAsync(sp => sp.GetRequiredService<CalendarStore>().AddAsync(new DateOnly(2026, 10, 9), DayKind.Holiday, "国庆节"));
        var afterEdit = await SweepAsync();
        Assert.True(afterEdit.Full);
        Assert.Equal(0, afterEdit.Added);
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class IncrementalSweepTests() : IncrementalSweepTestsCases(new MailHostFixture());

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class IncrementalSweepTestsOnPostgreSql() : IncrementalSweepTestsCases(new PostgresMailHostFixture());
