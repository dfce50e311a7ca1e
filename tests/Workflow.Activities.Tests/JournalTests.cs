using Workflow.Activities.Reports;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests;

/// <summary>Every action leaves exactly one journal row saying who did what, from where to where, on which revision.</summary>
public sealed class JournalTests
{
    [Fact]
    public void Each_action_appends_one_row_with_who_what_when_and_the_status_change()
    {
        var report = Draft();
        var rowsAfter = new List<int> { report.Journal.Count };
        void Do(Action action) { action(); rowsAfter.Add(report.Journal.Count); }

        Do(() => report.Edit(Drafter, report.Title, report.Body + "\n二是补充。", T0.AddMinutes(1)));
        Do(() => report.Submit(Drafter, T0.AddMinutes(2)));
        Do(() => report.Approve(Secretary, " 同意，报纪检监察组。 ", T0.AddMinutes(3)));
        Do(() => report.Return(Inspector, ReturnComment, false, T0.AddMinutes(4)));
        Do(() => report.Edit(Drafter, report.Title, report.Body + "\n三是整改台账。", T0.AddMinutes(5)));
        Do(() => report.Submit(Drafter, T0.AddMinutes(6)));
        Do(() => report.Withdraw(Drafter, T0.AddMinutes(7)));
        Do(() => report.Submit(Drafter, T0.AddMinutes(8)));
        Do(() => report.Approve(Inspector, "   ", T0.AddMinutes(9)));
        Do(() => report.Return(Committee, "请补充数据。", true, T0.AddMinutes(10)));
        Do(() => report.Submit(Drafter, T0.AddMinutes(11)));

        Assert.Equal(Enumerable.Range(1, 12), rowsAfter);
        var expected = new (ReportAction Action, ReportStatus From, ReportStatus To, Actor Actor, string Role, string? Comment, int Revision)[]
        {
            (ReportAction.Created, ReportStatus.Draft, ReportStatus.Draft, Drafter, RoleNames.Drafter, null, 1),
            (ReportAction.Edited, ReportStatus.Draft, ReportStatus.Draft, Drafter, RoleNames.Drafter, null, 2),
            (ReportAction.Submitted, ReportStatus.Draft, ReportStatus.SecretaryReview, Drafter, RoleNames.Drafter, null, 2),
            (ReportAction.Approved, ReportStatus.SecretaryReview, ReportStatus.DisciplineReview, Secretary, RoleNames.PartySecretary, "同意，报纪检监察组。", 2),
            (ReportAction.Returned, ReportStatus.DisciplineReview, ReportStatus.Returned, Inspector, RoleNames.DisciplineInspector, ReturnComment, 2),
            (ReportAction.Edited, ReportStatus.Returned, ReportStatus.Returned, Drafter, RoleNames.Drafter, null, 3),
            (ReportAction.Resubmitted, ReportStatus.Returned, ReportStatus.DisciplineReview, Drafter, RoleNames.Drafter, null, 3),
            (ReportAction.Withdrawn, ReportStatus.DisciplineReview, ReportStatus.Draft, Drafter, RoleNames.Drafter, null, 3),
            (ReportAction.Submitted, ReportStatus.Draft, ReportStatus.DisciplineReview, Drafter, RoleNames.Drafter, null, 3),
            (ReportAction.Approved, ReportStatus.DisciplineReview, ReportStatus.CommitteeReview, Inspector, RoleNames.DisciplineInspector, null, 3),
            (ReportAction.Returned, ReportStatus.CommitteeReview, ReportStatus.Returned, Committee, RoleNames.Committee, "请补充数据。", 3),
            (ReportAction.Resubmitted, ReportStatus.Returned, ReportStatus.SecretaryReview, Drafter, RoleNames.Drafter, null, 3),
        };
        Assert.Equal(expected.Length, report.Journal.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var row = report.Journal[i];
            var want = expected[i];
            Assert.Equal((want.Action, want.From, want.To), (row.Action, row.FromStatus, row.ToStatus));
            Assert.Equal((want.Actor.UserId, want.Actor.DisplayName, want.Role), (row.ActorId, row.ActorName, row.ActorRole));
            Assert.Equal(want.Comment, row.Comment);
            Assert.Equal(want.Revision, row.Revision);
            Assert.Equal(i + 1, row.Sequence);
            Assert.Equal(T0.AddMinutes(i), row.At);
            Assert.Equal(report.Id, row.ReportId);
        }
        Assert.Equal([11], report.Journal.Where(j => j.RestartFromFirstStep).Select(j => j.Sequence));
        Assert.Equal(12, report.JournalSequence);
        Assert.Equal(T0.AddMinutes(11), report.UpdatedAt);
    }

    [Fact]
    public void Every_change_renews_the_concurrency_stamp()
    {
        var report = Draft();
        var stamps = new HashSet<Guid> { report.ConcurrencyStamp };

        report.Submit(Drafter, Next(report));
        stamps.Add(report.ConcurrencyStamp);
        report.Approve(Secretary, null, Next(report));
        stamps.Add(report.ConcurrencyStamp);

        Assert.Equal(3, stamps.Count);
        Assert.DoesNotContain(Guid.Empty, stamps);
    }

    [Fact]
    public void A_refused_action_leaves_no_journal_row_and_keeps_the_stamp()
    {
        var report = WaitingAt(ReportStatus.SecretaryReview);
        var stamp = report.ConcurrencyStamp;
        var rows = report.Journal.Count;

        Assert.ThrowsAny<WorkflowRuleException>(() => report.Approve(Inspector, null, Next(report)));
        Assert.ThrowsAny<WorkflowRuleException>(() => report.Return(Secretary, " ", false, Next(report)));
        Assert.ThrowsAny<WorkflowRuleException>(() => report.Edit(Drafter, "新标题", report.Body, Next(report)));

        Assert.Equal(rows, report.Journal.Count);
        Assert.Equal(stamp, report.ConcurrencyStamp);
    }

    [Fact]
    public void The_journal_records_the_role_an_actor_acted_in_when_he_holds_several()
    {
        var drafterAndSecretary = Make("ds", RoleNames.Drafter, RoleNames.PartySecretary);
        var secretaryAndDrafter = Make("sd", RoleNames.PartySecretary, RoleNames.Drafter);
        var report = Draft();

        report.Submit(secretaryAndDrafter, Next(report));
        report.Approve(drafterAndSecretary, null, Next(report));
        report.Return(Inspector, ReturnComment, true, Next(report));
        report.Submit(drafterAndSecretary, Next(report));
        report.Return(secretaryAndDrafter, ReturnComment, false, Next(report));

        Assert.Equal(
            [RoleNames.Drafter, RoleNames.Drafter, RoleNames.PartySecretary, RoleNames.DisciplineInspector, RoleNames.Drafter, RoleNames.PartySecretary],
            report.Journal.Select(j => j.ActorRole));
    }

    [Fact]
    public void The_journal_role_is_the_route_role_of_an_actor_who_is_also_admin()
    {
        var report = WaitingAt(ReportStatus.CommitteeReview);
        var committeeAdmin = Make("ca", RoleNames.Admin, RoleNames.Committee);

        report.Approve(committeeAdmin, null, Next(report));

        Assert.Equal(RoleNames.Committee, report.Journal[^1].ActorRole);
    }
}
