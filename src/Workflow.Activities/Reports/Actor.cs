namespace Workflow.Activities.Reports;

/// <summary>Who acts: identity and roles. Unit scope is enforced before a report reaches the domain.</summary>
public sealed record Actor(string UserId, string DisplayName, IReadOnlySet<string> Roles)
{
    /// <summary>委托: the reviewer this actor stands in for, whose roles he acts in; null when he acts for himself.</summary>
    public Actor? OnBehalfOf { get; init; }

    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>This person deciding "代 <paramref name="principal"/> 审核": in the principal's reviewer roles only, never drafting.</summary>
    public Actor ActingFor(Actor principal) =>
        new(UserId, DisplayName, principal.Roles.Where(Delegations.Delegation.DelegableRoles.Contains).ToHashSet(StringComparer.Ordinal))
        {
            OnBehalfOf = principal,
        };
}
