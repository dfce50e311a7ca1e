using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Host.Data;

namespace Workflow.Host.Identity;

/// <summary>
/// The business roles as the organisation has them: the built-in four (<see cref="RoleNames.Business"/>) and the unit-level roles
/// the 系统管理员 added (<see cref="RoleDefinition"/>), with the unit kind each belongs to. Loaded per use; there are few.
/// </summary>
public sealed record RoleBook(IReadOnlyList<RoleDefinition> Custom)
{
    public static async Task<RoleBook> LoadAsync(AppDbContext db, CancellationToken ct) =>
        new(await db.RoleDefinitions.AsNoTracking().OrderBy(r => r.CreatedAt).ToListAsync(ct));

    /// <summary>Built-in business roles first, then the added ones in the order they were added.</summary>
    public IReadOnlyList<string> Business => [.. RoleNames.Business, .. Custom.Select(r => r.Name)];

    public bool IsBusiness(string role) => RoleNames.Business.Contains(role) || Custom.Any(r => r.Name == role);

    /// <summary>A role an account may be given: a business role or an administrator role.</summary>
    public bool IsKnown(string role) => IsBusiness(role) || RoleNames.IsAdministrator(role);

    /// <summary>The unit kind a holder of <paramref name="role"/> must sit in (<see cref="RoleUnitRule.RequiredKind"/>, else the added role's kind).</summary>
    public UnitKind? RequiredKind(string role) =>
        RoleUnitRule.RequiredKind(role) ?? Custom.FirstOrDefault(r => r.Name == role)?.UnitKind;

    public bool Fits(string role, UnitKind kind) => RequiredKind(role) is not { } required || required == kind;

    /// <summary>Order for lists: the fixed roles as <see cref="RoleNames.All"/> has them, then the added ones.</summary>
    public int Order(string role) =>
        RoleNames.All.ToList().IndexOf(role) is var i and >= 0 ? i
        : Custom.Select(r => r.Name).ToList().IndexOf(role) is var j and >= 0 ? RoleNames.All.Count + j : int.MaxValue;
}
