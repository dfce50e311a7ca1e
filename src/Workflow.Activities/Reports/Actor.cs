namespace Workflow.Activities.Reports;

/// <summary>Who acts: identity and roles. Unit scope is enforced before a report reaches the domain.</summary>
public sealed record Actor(string UserId, string DisplayName, IReadOnlySet<string> Roles)
{
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>The role written into the journal: the first route-relevant role of the actor.</summary>
    public string PrimaryRole => Roles.FirstOrDefault(r => r != RoleNames.Admin) ?? Roles.FirstOrDefault() ?? "";
}
