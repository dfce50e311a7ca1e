namespace Workflow.Activities.Reports;

/// <summary>Who acts: identity and roles. Unit scope is enforced before a report reaches the domain.</summary>
public sealed record Actor(string UserId, string DisplayName, IReadOnlySet<string> Roles)
{
    public bool IsIn(string role) => Roles.Contains(role);
}
