using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Admin;

/// <summary>
/// Administration use cases: units, accounts and route versions. Every rule is checked here, so a page
/// (or a tampered form) cannot get round it; refusals come back as Chinese messages tied to input fields.
/// </summary>
public sealed partial class AdminService
{
    private readonly AppDbContext _db;
    private readonly UserManager<AppUser> _users;
    private readonly TimeProvider _clock;
    private readonly Routes.RouteService _routes;
    private readonly Security.ISecurityAudit _audit;

    public AdminService(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, Routes.RouteService routes, Security.ISecurityAudit audit)
    {
        _audit = audit;
        _db = db;
        _users = users;
        _clock = clock;
        _routes = routes;
    }

    private static WorkflowRuleException NotFound(string what) =>
        new(RuleViolation.NotFound, "not-found", $"{what}不存在。");

    /// <summary>Saves; a unique index or concurrency refusal means somebody else just took the name or the version.</summary>
    private async Task<AdminResult> SaveAsync(string conflictMessage, CancellationToken ct)
    {
        try
        {
            await _db.SaveChangesAsync(ct);
            return AdminResult.Ok;
        }
        catch (DbUpdateException)
        {
            _db.ChangeTracker.Clear();
            return AdminResult.Failed("", conflictMessage);
        }
    }
}
