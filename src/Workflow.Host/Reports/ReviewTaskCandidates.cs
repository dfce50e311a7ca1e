using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Reminders;

namespace Workflow.Host.Reports;

/// <summary>A person a step may be transferred to (转办) or added as a reviewer (加签): his id, name and unit.</summary>
public sealed record TaskCandidate(string Id, string Name, string UnitName);

/// <summary>
/// Who may join a review step: the 会签 members snapshotted when a report enters a 会签 step, the colleagues a step may be
/// transferred to (active holders of its role in its deciding unit) and the people who may be added (加签): active users with a
/// business role in the report's agency, its inspection team, its supervising committee or the step's deciding unit — never a
/// pure drafter.
/// </summary>
public sealed class ReviewTaskCandidates(AppDbContext db, TimeProvider clock)
{
    /// <summary>The members of a 会签 step the report may enter next (active accounts holding its role in its deciding unit).</summary>
    public async Task<Func<RouteStep, IReadOnlyList<Reviewer>>> AssigneesAsync(Report report, CancellationToken ct)
    {
        var next = report.Status == ReportStatus.Draft || report.Status == ReportStatus.Returned
            ? report.Route.StepFor(report.ResumeStatus ?? report.Route.First.Status)
            : report.Route.StepFor(report.Route.After(report.Status));
        if (next is not { Mode: StepMode.All }) return _ => [];
        var holders = await Recipients.DecidingAsync(db, report.UnitId, next, ct);
        var active = await ActiveAsync(holders.Select(h => h.UserId).ToList(), ct);
        var members = holders.Where(h => active.Contains(h.UserId)).Select(h => new Reviewer(h.UserId, h.Name)).ToList();
        return step => step.Key == next.Key ? members : [];
    }

    /// <summary>
    /// Who the actor's part of the current step may be transferred to: the step's active deciders, or for a 加签 task anyone who may
    /// be added; never the actor nor someone already holding an open task of the round.
    /// </summary>
    public async Task<List<TaskCandidate>> TransferCandidatesAsync(Report report, Actor actor, CancellationToken ct = default)
    {
        if (report.CurrentStep is not { } step) return [];
        if (report.WaitingTaskOf(actor) is { Kind: ReviewTaskKind.AddedBefore or ReviewTaskKind.AddedAfter })
            return await ReviewerCandidatesAsync(report, actor, ct);
        var agency = await db.Units.AsNoTracking().FirstAsync(u => u.Id == report.UnitId, ct);
        if (step.Decider.UnitFor(agency) is not { } home) return [];
        var holders = await Recipients.MembersAsync(db, home, step.Role, ct);
        var active = await ActiveAsync(holders.Select(h => h.UserId).ToList(), ct);
        var unitName = await db.UnitNameAsync(home, ct);
        var busy = Busy(report, actor);
        return holders.Where(h => active.Contains(h.UserId) && !busy.Contains(h.UserId))
            .Select(h => new TaskCandidate(h.UserId, h.Name, unitName)).ToList();
    }

    /// <summary>Who the actor may add to the current step (加签).</summary>
    public async Task<List<TaskCandidate>> ReviewerCandidatesAsync(Report report, Actor actor, CancellationToken ct = default)
    {
        if (report.CurrentStep is not { } step) return [];
        var agency = await db.Units.AsNoTracking().FirstAsync(u => u.Id == report.UnitId, ct);
        Guid?[] homes = [agency.Id, agency.InspectionTeamId, agency.SupervisorId, step.Decider.UnitFor(agency)];
        var now = clock.GetUtcNow();
        var found = await (from u in db.Users.AsNoTracking()
                           where u.UnitId != null && homes.Contains(u.UnitId) && u.DisabledAt == null
                                 && (u.LockoutEnd == null || u.LockoutEnd < now)
                           join x in db.Units on u.UnitId equals x.Id
                           select new { u.Id, u.DisplayName, u.UserName, UnitName = x.Name, x.Kind }).ToListAsync(ct);
        var ids = found.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, Role = r.Name! }).ToListAsync(ct);
        // A reviewer is someone with a business role other than drafting: a pure drafter of the unit decides nothing.
        var reviewers = roles.Where(r => !RoleNames.IsAdministrator(r.Role) && r.Role != RoleNames.Drafter).Select(r => r.UserId).ToHashSet();
        var busy = Busy(report, actor);
        return found.Where(u => reviewers.Contains(u.Id) && !busy.Contains(u.Id))
            .OrderBy(u => u.Kind).ThenBy(u => u.UnitName, StringComparer.Ordinal)
            .Select(u => new TaskCandidate(u.Id, Identity.AppUser.ShownNameOf(u.DisplayName, u.UserName), u.UnitName)).ToList();
    }

    // The actor (and the principal he stands in for) and everyone holding an open task of the round.
    private static HashSet<string> Busy(Report report, Actor actor)
    {
        var busy = report.TasksOfRound().Where(t => t.IsOpen).Select(t => t.UserId).ToHashSet();
        busy.Add(actor.UserId);
        if (actor.OnBehalfOf is { } principal) busy.Add(principal.UserId);
        return busy;
    }

    private async Task<HashSet<string>> ActiveAsync(List<string> ids, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DisabledAt == null && (u.LockoutEnd == null || u.LockoutEnd < now))
            .Select(u => u.Id).ToListAsync(ct)).ToHashSet();
    }
}
