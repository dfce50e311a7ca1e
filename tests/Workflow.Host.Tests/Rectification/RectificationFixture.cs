using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Rectification;
using Workflow.Host.Rectification;

namespace Workflow.Host.Tests.Rectification;

/// <summary>The demo organisation and reports, with a 4 KB evidence limit so the size check is cheap to test.</summary>
public sealed class RectificationFixture : HostFixture
{
    public const long MaxEvidenceBytes = 4096;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Demo:Seed"] = "true",
        ["Rectification:MaxEvidenceBytes"] = MaxEvidenceBytes.ToString(),
    };

    public string EvidenceDirectory => Path.Combine(DataDirectory, "evidence");

    /// <summary>Runs <paramref name="work"/> on the ledger's queries, in a scope of its own as one web request would.</summary>
    public Task<T> LedgerAsync<T>(Func<RectificationLedger, Task<T>> work) => InScopeAsync(work);

    /// <summary>Runs <paramref name="work"/> on the intake (create, propose, import), in a scope of its own.</summary>
    public Task<T> IntakeAsync<T>(Func<RectificationIntake, Task<T>> work) => InScopeAsync(work);

    /// <summary>Runs <paramref name="work"/> on the item commands, in a scope of its own.</summary>
    public Task<T> CommandsAsync<T>(Func<RectificationCommands, Task<T>> work) => InScopeAsync(work);

    /// <summary>Runs <paramref name="work"/> on the evidence service, in a scope of its own.</summary>
    public Task<T> EvidenceAsync<T>(Func<RectificationEvidence, Task<T>> work) => InScopeAsync(work);

    private async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<RectificationItem> NewItemAsync(string userName, string problem, string? owner = null, DateOnly? deadline = null,
        RectificationSource source = RectificationSource.Inspection, Guid? unitId = null)
    {
        var user = await this.UserAsync(userName);
        return await IntakeAsync(s => s.CreateAsync(user, unitId, source,
            new ItemInput("作风建设", problem, "制定整改方案", "李明（市科协党组书记）", "办公室", owner, deadline)));
    }
}
