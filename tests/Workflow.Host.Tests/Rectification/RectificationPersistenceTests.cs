using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Rectification;

namespace Workflow.Host.Tests.Rectification;

/// <summary>The ledger's tables: migration matches the model, races end in one transition, history cannot be rewritten.</summary>
public sealed class RectificationPersistenceTests(RectificationFixture fixture) : IClassFixture<RectificationFixture>
{
    [Fact]
    public async Task The_migrations_match_the_model()
    {
        await using var scope = fixture.Scope();
        Assert.False(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Two_reviewers_deciding_the_same_closure_at_once_leave_one_decision_and_one_journal_row()
    {
        var item = await fixture.NewItemAsync("drafter.kexie", "并发测试", owner: "drafter.kexie");
        var drafter = await fixture.UserAsync("drafter.kexie");
        var secretary = await fixture.UserAsync("secretary.kexie");
        await fixture.CommandsAsync(s => s.StartAsync(drafter, item.Id));
        await fixture.CommandsAsync(s => s.RequestClosureAsync(drafter, item.Id, "已整改"));

        await using var first = fixture.Scope();
        await using var second = fixture.Scope();
        foreach (var scope in new[] { first, second })
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().RectificationItems.Include(i => i.Evidence).SingleAsync(i => i.Id == item.Id);
        await first.ServiceProvider.GetRequiredService<RectificationCommands>().ApproveClosureAsync(secretary, item.Id, null);
        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() => second.ServiceProvider.GetRequiredService<RectificationCommands>()
            .RejectClosureAsync(secretary, item.Id, "不同意"));

        Assert.Equal((RuleViolation.Conflict, "concurrent-update"), (refusal.Violation, refusal.Code));
        var stored = await fixture.LedgerAsync(s => s.GetAsync(secretary, item.Id));
        Assert.Equal((RectificationStatus.Closed, 0), (stored.Status, stored.ReworkCount));
        Assert.Single(stored.Journal, j => j.Action is RectificationAction.ClosureApproved or RectificationAction.ClosureRejected);
    }

    [Fact]
    public async Task Items_created_at_the_same_moment_get_distinct_codes()
    {
        var created = await Task.WhenAll(Enumerable.Range(1, 6).Select(n => fixture.NewItemAsync("secretary.haishi", $"同时创建{n}")));
        Assert.Equal(6, created.Select(i => i.Code).Distinct().Count());
        Assert.All(created, i => Assert.StartsWith("HSFY-2026-", i.Code));
    }

    [Fact]
    public async Task The_item_journal_refuses_raw_updates_and_deletes()
    {
        var item = await fixture.NewItemAsync("drafter.kexie", "历史不可改");
        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var update = await Assert.ThrowsAnyAsync<DbException>(() =>
            db.RectificationJournal.Where(j => j.ItemId == item.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Comment, "改写")));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.RectificationJournal.Where(j => j.ItemId == item.Id).ExecuteDeleteAsync());
        Assert.Contains("append-only", delete.Message);
        var row = await db.RectificationJournal.FirstAsync(j => j.ItemId == item.Id);
        db.RectificationJournal.Remove(row);
        Assert.Contains("append-only", (await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message);
    }
}
