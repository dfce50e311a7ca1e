using Workflow.Activities.Organization;
using Workflow.Activities.Routes;

namespace Workflow.Host.Admin;

/// <summary>What an admin types to create or change a unit.</summary>
public sealed record UnitInput(string? Name, string? Code, UnitKind? Kind, Guid? SupervisorId, Guid? InspectionTeamId);

/// <summary>What an admin types to create an account.</summary>
public sealed record NewUserInput(string? UserName, string? DisplayName, string? Email, string? Role, Guid? UnitId, string? Password);

/// <summary>Who a user is and where he works: the part of an account an admin may change later.</summary>
public sealed record UserAssignment(string? DisplayName, string? Email, string? Role, Guid? UnitId);

/// <summary>A row of the unit list, with the names of the committee and team an agency reports to.</summary>
public sealed record UnitRow(Guid Id, string Name, string Code, UnitKind Kind, Guid? SupervisorId, string? SupervisorName,
    Guid? InspectionTeamId, string? InspectionTeamName);

/// <summary>A row of the user list.</summary>
public sealed record UserRow(string Id, string UserName, string DisplayName, string? Email, IReadOnlyList<string> Roles,
    Guid? UnitId, string? UnitName, bool IsLockedOut, DateTimeOffset? LockoutEnd)
{
    /// <summary>The one role the admin pages assign; accounts made elsewhere may hold more.</summary>
    public string? Role => Roles.Count > 0 ? Roles[0] : null;
}

/// <summary>A published route version and how many reports travel on it.</summary>
public sealed record RouteRow(int Version, string Name, IReadOnlyList<RouteStep> Steps, DateTimeOffset PublishedAt, int ReportCount,
    bool IsCurrent);
