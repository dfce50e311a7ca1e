using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Delegations;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Host.Delegations;

/// <summary>A colleague a reviewer may name as his delegate.</summary>
public sealed record DelegateCandidate(string Id, string Name);

/// <summary>
/// 委托 (delegation while away): a reviewer's one running or planned delegation, set, replaced and ended here; each change is
/// in the security audit log. The delegate is an active user holding one of the delegator's reviewer roles (see the README).
/// </summary>
public sealed class DelegationService(AppDbContext db, TimeProvider clock, ISecurityAudit audit)
{
    private DateOnly Today => ChinaTime.Today(clock);

    /// <summary>The user's running or planned delegation; null when he has none.</summary>
    public Task<Delegation?> MineAsync(UserContext user, CancellationToken ct = default)
    {
        var today = Today;
        return db.Delegations.AsNoTracking()
            .Where(d => d.DelegatorId == user.User.Id && d.EndedAt == null && d.To >= today)
            .OrderBy(d => d.From).FirstOrDefaultAsync(ct);
    }

    /// <summary>The running or planned delegations that name the user as delegate.</summary>
    public Task<List<Delegation>> ForMeAsync(UserContext user, CancellationToken ct = default)
    {
        var today = Today;
        return db.Delegations.AsNoTracking()
            .Where(d => d.DelegateId == user.User.Id && d.EndedAt == null && d.To >= today)
            .OrderBy(d => d.From).ToListAsync(ct);
    }

    /// <summary>
    /// Who the user may name: active users holding one of his reviewer roles (in any unit), himself excepted. A stand-in thus never
    /// gets a kind of authority he could not hold himself: no drafter decides his own unit's report, no administrator reviews.
    /// </summary>
    public async Task<List<DelegateCandidate>> CandidatesAsync(UserContext user, CancellationToken ct = default)
    {
        var roles = user.Actor.Roles.Where(Delegation.DelegableRoles.Contains).ToList();
        if (roles.Count == 0) return [];
        var me = user.User.Id;
        var found = await (from u in db.Users.AsNoTracking()
                           where u.DisabledAt == null && u.Id != me
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where roles.Contains(r.Name!)
                           select new { u.Id, u.DisplayName, u.UserName }).Distinct().ToListAsync(ct);
        return found.Select(u => new DelegateCandidate(u.Id, AppUser.ShownNameOf(u.DisplayName, u.UserName)))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Names <paramref name="delegateId"/> for the China days <paramref name="from"/>–<paramref name="to"/>; replaces a running or planned one.</summary>
    public async Task<Delegation> SetAsync(UserContext user, string? delegateId, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(delegateId))
            throw new WorkflowRuleException(RuleViolation.Invalid, "delegate-required", "请选择代审人。", "delegateId");
        if (from is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "delegation-from-required", "请填写开始日期。", "from");
        if (to is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "delegation-to-required", "请填写结束日期。", "to");
        var candidate = (await CandidatesAsync(user, ct)).FirstOrDefault(c => c.Id == delegateId);
        if (candidate is null && delegateId != user.User.Id && Delegation.MayDelegate(user.Actor.Roles))
            throw new WorkflowRuleException(RuleViolation.Invalid, "delegate-unknown", "代审人须为在用的、与您担任相同审核角色的人员。", "delegateId");
        var now = clock.GetUtcNow();
        var delegation = Delegation.Plan(user.Actor, delegateId, candidate?.Name ?? user.Actor.DisplayName, from.Value, to.Value, Today, now);
        var today = Today;
        var current = await db.Delegations.Where(d => d.DelegatorId == user.User.Id && d.EndedAt == null && d.To >= today).ToListAsync(ct);
        foreach (var old in current) old.End(now);
        db.Delegations.Add(delegation);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.DelegationSet, user.User.UserName, true,
            $"委托 {delegation.DelegateName} 代审 {delegation.From:yyyy-MM-dd} 至 {delegation.To:yyyy-MM-dd}"), ct);
        return delegation;
    }

    /// <summary>Ends the user's running or planned delegation now; 404 when he has none.</summary>
    public async Task EndAsync(UserContext user, CancellationToken ct = default)
    {
        var today = Today;
        var current = await db.Delegations.Where(d => d.DelegatorId == user.User.Id && d.EndedAt == null && d.To >= today).ToListAsync(ct);
        if (current.Count == 0)
            throw new WorkflowRuleException(RuleViolation.NotFound, "delegation-not-found", "您当前没有委托。");
        foreach (var d in current) d.End(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.DelegationEnded, user.User.UserName, true,
            string.Join("；", current.Select(d => $"结束委托 {d.DelegateName} 代审 {d.From:yyyy-MM-dd} 至 {d.To:yyyy-MM-dd}"))), ct);
    }
}
