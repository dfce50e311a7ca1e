using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Security;

/// <summary>The effective password policy: the stored row when the 安全保密管理员 has saved one, else the configured defaults.</summary>
public sealed class PasswordPolicyStore(AppDbContext db, IOptions<PasswordPolicyOptions> defaults, TimeProvider clock, ISecurityAudit audit)
{
    private PasswordPolicyOptions? _loaded;

    public async Task<PasswordPolicyOptions> GetAsync(CancellationToken ct = default)
    {
        if (_loaded is not null) return _loaded;
        var row = await db.PasswordPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == StoredPasswordPolicy.SingletonId, ct);
        _loaded = row is null
            ? defaults.Value.Copy()
            : new PasswordPolicyOptions
            {
                MinimumLength = row.MinimumLength,
                RequiredCharacterClasses = row.RequiredCharacterClasses,
                History = row.History,
                MaximumAgeDays = row.MaximumAgeDays,
            };
        return _loaded;
    }

    /// <summary>Stores the policy for every node; refuses values out of range with the field's message.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> SaveAsync(PasswordPolicyOptions policy, string actorUserName, CancellationToken ct = default)
    {
        var problems = policy.Problems();
        if (problems.Count > 0) return problems;
        var row = await db.PasswordPolicies.FirstOrDefaultAsync(p => p.Id == StoredPasswordPolicy.SingletonId, ct);
        if (row is null) db.PasswordPolicies.Add(row = new StoredPasswordPolicy());
        row.MinimumLength = policy.MinimumLength;
        row.RequiredCharacterClasses = policy.RequiredCharacterClasses;
        row.History = policy.History;
        row.MaximumAgeDays = policy.MaximumAgeDays;
        row.ChangedAt = clock.GetUtcNow();
        row.ChangedBy = actorUserName;
        await db.SaveChangesAsync(ct);
        _loaded = policy.Copy();
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.PasswordPolicyChanged, actorUserName, true, policy.ToString()), ct);
        return [];
    }

    /// <summary>Whether the account must set a new password before doing anything else: one-time password, or older than the maximum age.</summary>
    public async Task<bool> MustChangeAsync(AppUser user, CancellationToken ct = default)
    {
        if (user.MustChangePassword) return true;
        var policy = await GetAsync(ct);
        return policy.MaximumAgeDays > 0 && user.PasswordChangedAt is { } changed
               && clock.GetUtcNow() - changed >= TimeSpan.FromDays(policy.MaximumAgeDays);
    }
}
