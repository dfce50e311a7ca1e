using Workflow.Activities.Reports;

namespace Workflow.Activities.Delegations;

/// <summary>
/// 委托: while away, a reviewer names a delegate who may decide his pending report steps "代 X 审核" for a range of China days.
/// It ends by itself after <see cref="To"/>; the delegator may end it earlier (<see cref="End"/>).
/// </summary>
public sealed class Delegation
{
    /// <summary>The longest range: one year, counted inclusive.</summary>
    public const int MaxDays = 366;

    private Delegation() { }

    public Guid Id { get; private set; }
    public string DelegatorId { get; private set; } = "";
    public string DelegatorName { get; private set; } = "";
    public string DelegateId { get; private set; } = "";
    public string DelegateName { get; private set; } = "";

    /// <summary>First China day of the range.</summary>
    public DateOnly From { get; private set; }

    /// <summary>Last China day of the range, inclusive.</summary>
    public DateOnly To { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the delegator ended it early (or replaced it); null while it runs its course.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The reviewer roles a delegation hands over: never drafting, never an administrator's.</summary>
    public static readonly IReadOnlyList<string> DelegableRoles = [RoleNames.PartySecretary, RoleNames.DisciplineInspector, RoleNames.Committee];

    /// <summary>Whether someone holding <paramref name="roles"/> may name a delegate at all.</summary>
    public static bool MayDelegate(IEnumerable<string> roles) => roles.Any(DelegableRoles.Contains);

    /// <summary>
    /// Plans a delegation from <paramref name="delegator"/> to <paramref name="delegate"/>: from ≤ to, from not before
    /// <paramref name="today"/>, at most <see cref="MaxDays"/> days, and not to himself.
    /// </summary>
    public static Delegation Plan(Actor delegator, string delegateId, string delegateName, DateOnly from, DateOnly to, DateOnly today,
        DateTimeOffset at)
    {
        if (!MayDelegate(delegator.Roles))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "delegation-forbidden", "只有审核人（党组书记、纪检监察组、市直机关工委）可以委托他人代审。");
        if (delegateId == delegator.UserId)
            throw new WorkflowRuleException(RuleViolation.Invalid, "delegate-self", "不能委托给自己。", "delegateId");
        if (from < today)
            throw new WorkflowRuleException(RuleViolation.Invalid, "delegation-from-past", "开始日期不能早于今天。", "from");
        if (to < from)
            throw new WorkflowRuleException(RuleViolation.Invalid, "delegation-range", "结束日期不能早于开始日期。", "to");
        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
            throw new WorkflowRuleException(RuleViolation.Invalid, "delegation-too-long", "委托期限最长一年。", "to");
        return new Delegation
        {
            Id = Guid.NewGuid(),
            DelegatorId = delegator.UserId,
            DelegatorName = delegator.DisplayName,
            DelegateId = delegateId,
            DelegateName = delegateName,
            From = from,
            To = to,
            CreatedAt = at,
        };
    }

    /// <summary>The delegate stands in on <paramref name="day"/> (a China day).</summary>
    public bool IsActiveOn(DateOnly day) => EndedAt is null && From <= day && day <= To;

    /// <summary>Running or still to come on <paramref name="today"/>: the one a delegator may have at a time.</summary>
    public bool IsCurrentOrPlanned(DateOnly today) => EndedAt is null && To >= today;

    /// <summary>The delegator ends it before its last day (or replaces it by a new one).</summary>
    public void End(DateTimeOffset at) => EndedAt ??= at;
}
