using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Reports;

namespace Workflow.Host.Tests;

/// <summary>Two people acting on the same report at once: one wins, the other is told to refresh, the journal gets one row.</summary>
public abstract class ConcurrencyTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Fact]
    public async Task Approving_a_report_that_another_scope_approved_meanwhile_is_a_concurrent_update()
    {
        var report = await SubmittedReportAsync(2030);
        var secretary = await fixture.UserAsync("secretary.kexie");
        var rowsBefore = (await fixture.JournalAsync(report.Id)).Count;
        await using var first = fixture.Scope();
        await using var second = fixture.Scope();
        // Both requests have read the report before either saves.
        await LoadTrackedAsync(first, report.Id);
        await LoadTrackedAsync(second, report.Id);

        await Service(first).ApproveAsync(secretary, report.Id, "同意。");
        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            Service(second).ApproveAsync(secretary, report.Id, "同意。"));

        Assert.Equal((RuleViolation.Conflict, "concurrent-update"), (refusal.Violation, refusal.Code));
        var journal = await fixture.JournalAsync(report.Id);
        Assert.Equal(rowsBefore + 1, journal.Count);
        Assert.Single(journal, j => j.Action == ReportAction.Approved);
        Assert.Equal(ReportStatus.DisciplineReview, (await fixture.ReloadAsync(report.Id)).Status);
    }

    [Fact]
    public async Task A_withdrawal_and_an_approval_racing_each_other_leave_exactly_one_of_them()
    {
        var report = await SubmittedReportAsync(2031);
        var drafter = await fixture.UserAsync("drafter.kexie");
        var secretary = await fixture.UserAsync("secretary.kexie");
        await using var first = fixture.Scope();
        await using var second = fixture.Scope();
        await LoadTrackedAsync(first, report.Id);
        await LoadTrackedAsync(second, report.Id);

        await Service(first).WithdrawAsync(drafter, report.Id);
        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            Service(second).ApproveAsync(secretary, report.Id, null));

        Assert.Equal("concurrent-update", refusal.Code);
        Assert.Equal(ReportStatus.Draft, (await fixture.ReloadAsync(report.Id)).Status);
        Assert.Equal([ReportAction.Created, ReportAction.Submitted, ReportAction.Withdrawn],
            (await fixture.JournalAsync(report.Id)).Select(j => j.Action));
    }

    [Fact]
    public async Task The_concurrency_stamp_alone_rejects_a_stale_update_of_the_report_row()
    {
        var report = await SubmittedReportAsync(2032);
        await using var stale = fixture.Scope();
        var staleDb = stale.ServiceProvider.GetRequiredService<AppDbContext>();
        var staleReport = await staleDb.Reports.SingleAsync(r => r.Id == report.Id);

        await fixture.ExecuteAsync("secretary.kexie", report.Id, ReportCommand.Approve);
        staleDb.Entry(staleReport).Property(r => r.Title).CurrentValue = "被覆盖的标题";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => staleDb.SaveChangesAsync());
        Assert.NotEqual("被覆盖的标题", (await fixture.ReloadAsync(report.Id)).Title);
    }

    [Fact]
    public async Task After_losing_a_race_a_fresh_attempt_sees_the_new_state()
    {
        var report = await SubmittedReportAsync(2033);
        await fixture.ExecuteAsync("secretary.kexie", report.Id, ReportCommand.Approve);

        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            fixture.ExecuteAsync("secretary.kexie", report.Id, ReportCommand.Approve));

        Assert.Equal((RuleViolation.Conflict, "invalid-state"), (refusal.Violation, refusal.Code));
    }

    private async Task<Report> SubmittedReportAsync(int year)
    {
        var report = await fixture.CreateAsync("drafter.kexie", year);
        return await fixture.ExecuteAsync("drafter.kexie", report.Id, ReportCommand.Submit);
    }

    private static Task<Report> LoadTrackedAsync(AsyncServiceScope scope, Guid id) =>
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Reports.SingleAsync(r => r.Id == id);

    private static ReportService Service(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<ReportService>();
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class ConcurrencyTests(HostFixture fixture) : ConcurrencyTestsCases<HostFixture>(fixture);

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class ConcurrencyTestsOnPostgreSql(PostgresHostFixture fixture) : ConcurrencyTestsCases<PostgresHostFixture>(fixture);
