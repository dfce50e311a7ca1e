using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests;

/// <summary>One transition is one transaction: the report row and its journal row are saved together or not at all.</summary>
public abstract class ReportTransactionTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Fact]
    public async Task Creating_a_report_stores_it_with_its_first_revision_and_a_created_journal_row()
    {
        var created = await fixture.CreateAsync("drafter.kexie", 2030);

        var stored = await fixture.ReloadAsync(created.Id);
        Assert.Equal((ReportStatus.Draft, 1, 1, DemoSeeder.Kexie), (stored.Status, stored.Revision, stored.JournalSequence, stored.UnitId));
        Assert.Equal(fixture.Clock.GetUtcNow(), stored.CreatedAt);
        var row = Assert.Single(await fixture.JournalAsync(created.Id));
        Assert.Equal(ReportAction.Created, row.Action);
        var revision = await fixture.ReadAsync(db => db.ReportRevisions.SingleAsync(v => v.ReportId == created.Id));
        Assert.Equal((1, created.Title, created.Body), (revision.Number, revision.Title, revision.Body));
    }

    [Fact]
    public async Task After_a_command_the_report_row_and_its_new_journal_row_are_both_persisted()
    {
        var created = await fixture.CreateAsync("drafter.kexie", 2031);
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        var submittedAt = fixture.Clock.GetUtcNow();

        await fixture.ExecuteAsync("drafter.kexie", created.Id, ReportCommand.Submit);
        fixture.Clock.Advance(TimeSpan.FromHours(3));
        await fixture.ExecuteAsync("secretary.kexie", created.Id, ReportCommand.Approve, "同意，报纪检监察组。");

        var stored = await fixture.ReloadAsync(created.Id);
        Assert.Equal(ReportStatus.DisciplineReview, stored.Status);
        Assert.Equal(3, stored.JournalSequence);
        Assert.Equal(submittedAt.AddHours(3), stored.StatusSince);
        Assert.Null(stored.SubmittedTo);
        var journal = await fixture.JournalAsync(created.Id);
        Assert.Equal([1, 2, 3], journal.Select(j => j.Sequence));
        Assert.Equal((ReportAction.Submitted, ReportStatus.Draft, ReportStatus.SecretaryReview, submittedAt),
            (journal[1].Action, journal[1].FromStatus, journal[1].ToStatus, journal[1].At));
        Assert.Equal((ReportAction.Approved, RoleNames.PartySecretary, "同意，报纪检监察组。", ReportStatus.DisciplineReview),
            (journal[2].Action, journal[2].ActorRole, journal[2].Comment, journal[2].ToStatus));
    }

    [Fact]
    public async Task When_the_journal_row_cannot_be_written_the_status_change_is_rolled_back()
    {
        var created = await fixture.CreateAsync("drafter.kexie", 2032);
        await fixture.ExecuteAsync("drafter.kexie", created.Id, ReportCommand.Submit);
        var before = await fixture.ReloadAsync(created.Id);
        // Occupy the sequence number the next journal row needs, so its insert fails inside the transaction.
        await fixture.ReadAsync(db => db.Database.IsSqlite()
            ? db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO ReportJournal (ReportId, Sequence, At, ActorId, ActorName, ActorRole, Action, FromStatus, ToStatus, Revision, RestartFromFirstStep)
                VALUES ({created.Id.ToString().ToUpperInvariant()}, {before.JournalSequence + 1}, 0, 'x', 'x', 'x', 'Approved', 'SecretaryReview', 'DisciplineReview', 1, 0)
                """)
            : db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "ReportJournal" ("ReportId", "Sequence", "At", "ActorId", "ActorName", "ActorRole", "Action", "FromStatus", "ToStatus", "Revision", "RestartFromFirstStep")
                VALUES ({created.Id}, {before.JournalSequence + 1}, now(), 'x', 'x', 'x', 'Approved', 'SecretaryReview', 'DisciplineReview', 1, false)
                """));

        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            fixture.ExecuteAsync("secretary.kexie", created.Id, ReportCommand.Approve));

        Assert.Equal((RuleViolation.Conflict, "concurrent-update"), (refusal.Violation, refusal.Code));
        var after = await fixture.ReloadAsync(created.Id);
        Assert.Equal((ReportStatus.SecretaryReview, before.JournalSequence, before.ConcurrencyStamp, ReportStatus.SecretaryReview),
            (after.Status, after.JournalSequence, after.ConcurrencyStamp, after.SubmittedTo));
    }

    [Fact]
    public async Task An_edit_that_changes_the_text_stores_the_new_revision_with_its_journal_row()
    {
        var created = await fixture.CreateAsync("drafter.kexie", 2033);
        var drafter = await fixture.UserAsync("drafter.kexie");

        await fixture.ReportsAsync(s => s.EditAsync(drafter, created.Id, created.Title, created.Body + "\n二是台账不完整。"));
        await fixture.ReportsAsync(s => s.EditAsync(drafter, created.Id, created.Title, created.Body + "\n二是台账不完整。"));

        var revisions = await fixture.ReportsAsync(s => s.RevisionsAsync(drafter, created.Id));
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Equal([ReportAction.Created, ReportAction.Edited], (await fixture.JournalAsync(created.Id)).Select(j => j.Action));
        Assert.EndsWith("二是台账不完整。", (await fixture.ReportsAsync(s => s.RevisionAsync(drafter, created.Id, 2))).Body);
    }

    [Fact]
    public async Task A_second_report_of_the_same_unit_and_year_is_a_conflict()
    {
        await fixture.CreateAsync("drafter.kexie", 2034);

        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.CreateAsync("drafter.kexie", 2034));

        Assert.Equal((RuleViolation.Conflict, "report-exists", "year"), (refusal.Violation, refusal.Code, refusal.Field));
        Assert.Equal(1, await fixture.ReadAsync(db => db.Reports.CountAsync(r => r.UnitId == DemoSeeder.Kexie && r.Year == 2034)));
    }

    [Theory]
    [InlineData("secretary.kexie")]
    [InlineData("inspector.team1")]
    [InlineData("admin")]
    public async Task Only_a_drafter_of_an_agency_may_create_a_report(string userName)
    {
        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.CreateAsync(userName, 2035));

        Assert.Equal(RuleViolation.Forbidden, refusal.Violation);
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class ReportTransactionTests(HostFixture fixture) : ReportTransactionTestsCases<HostFixture>(fixture);

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class ReportTransactionTestsOnPostgreSql(PostgresHostFixture fixture) : ReportTransactionTestsCases<PostgresHostFixture>(fixture);
