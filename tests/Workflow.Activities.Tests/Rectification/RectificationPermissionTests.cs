using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests.Rectification;

/// <summary>Who may run which command on an item, for every role, in the statuses where the command makes sense.</summary>
public sealed class RectificationPermissionTests
{
    private static readonly Actor Owner = Make("owner");

    private static RectificationItem Item(RectificationStatus status, string? reviewerRole = null, bool extensionPending = false)
    {
        var item = RectificationItem.Create(Guid.NewGuid(), "KX", 2025, 1,
            reviewerRole is null ? RectificationSource.SelfInspection : RectificationSource.ReviewOpinion,
            new RectificationFields(null, "问题", null, null, null, Owner.UserId, "责任人", new DateOnly(2026, 6, 30)), Secretary, T0,
            reviewerRole: reviewerRole);
        if (extensionPending) item.RequestExtension(Owner, new DateOnly(2026, 9, 30), "理由", T0);
        if (status == RectificationStatus.NotStarted) return item;
        if (status == RectificationStatus.LongTerm)
        {
            item.MarkLongTerm(Owner, "长期", new DateOnly(2026, 12, 31), new DateOnly(2026, 1, 1), T0);
            return item;
        }
        item.Start(Owner, T0);
        if (status == RectificationStatus.InProgress) return item;
        item.RequestClosure(Owner, "已整改", T0);
        if (status == RectificationStatus.ClosureRequested) return item;
        item.ApproveClosure(reviewerRole is null ? Secretary : ForRole(reviewerRole), null, T0);
        return item;
    }

    // (command, status the item is in, who may) — everyone else is refused with 403.
    public static TheoryData<RectificationCommand, RectificationStatus, string> Matrix => new()
    {
        { RectificationCommand.Start, RectificationStatus.NotStarted, "owner drafter" },
        { RectificationCommand.UploadEvidence, RectificationStatus.InProgress, "owner drafter" },
        { RectificationCommand.RequestClosure, RectificationStatus.InProgress, "owner drafter" },
        { RectificationCommand.MarkLongTerm, RectificationStatus.InProgress, "owner drafter" },
        { RectificationCommand.RequestExtension, RectificationStatus.InProgress, "owner drafter" },
        { RectificationCommand.Update, RectificationStatus.InProgress, "owner drafter secretary" },
        { RectificationCommand.ApproveClosure, RectificationStatus.ClosureRequested, "secretary" },
        { RectificationCommand.RejectClosure, RectificationStatus.ClosureRequested, "secretary" },
        { RectificationCommand.Reopen, RectificationStatus.Closed, "inspector committee" },
    };

    private static readonly Dictionary<string, Actor> Everyone = new()
    {
        ["owner"] = Owner, ["drafter"] = Drafter, ["secretary"] = Secretary, ["inspector"] = Inspector, ["committee"] = Committee,
        ["admin"] = Admin,
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Only_the_listed_people_may_run_the_command(RectificationCommand command, RectificationStatus status, string allowed)
    {
        var item = Item(status);
        foreach (var (name, actor) in Everyone)
            Assert.True(allowed.Split(' ').Contains(name) ? item.Can(command, actor) : item.Check(command, actor) == RuleViolation.Forbidden,
                $"{name} {command} in {status}");
    }

    [Fact]
    public void Extensions_are_decided_by_the_secretary_only()
    {
        var item = Item(RectificationStatus.InProgress, extensionPending: true);
        foreach (var (name, actor) in Everyone)
            Assert.Equal(name == "secretary", item.Can(RectificationCommand.ApproveExtension, actor));
    }

    [Theory]
    [InlineData(RoleNames.DisciplineInspector, "inspector")]
    [InlineData(RoleNames.Committee, "committee")]
    [InlineData(RoleNames.PartySecretary, "secretary")]
    public void A_reviewers_requirement_is_closed_by_the_role_that_raised_it(string role, string closer)
    {
        var item = Item(RectificationStatus.ClosureRequested, role);
        foreach (var (name, actor) in Everyone)
            Assert.Equal(name == closer, item.Can(RectificationCommand.ApproveClosure, actor));
    }

    [Fact]
    public void Commands_out_of_their_status_are_conflicts_not_refusals()
    {
        var closed = Item(RectificationStatus.Closed);
        Assert.Equal(RuleViolation.Conflict, closed.Check(RectificationCommand.Start, Owner));
        Assert.Equal(RuleViolation.Conflict, closed.Check(RectificationCommand.UploadEvidence, Owner));
        Assert.Equal(RuleViolation.Conflict, closed.Check(RectificationCommand.RequestExtension, Owner));
        Assert.Equal(RuleViolation.Conflict, Item(RectificationStatus.InProgress).Check(RectificationCommand.ApproveClosure, Secretary));
        Assert.Equal(RuleViolation.Conflict, Item(RectificationStatus.InProgress).Check(RectificationCommand.ApproveExtension, Secretary));
    }
}
