using Workflow.Activities.Delegations;
using Workflow.Activities.Reports;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests;

/// <summary>委托: the range rules, and a stand-in deciding in the delegator's reviewer roles with the journal keeping for whom.</summary>
public sealed class DelegationTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    [Fact]
    public void A_delegation_runs_from_its_first_to_its_last_China_day_unless_ended()
    {
        var d = Delegation.Plan(Secretary, "s2", "李四", Today, Today.AddDays(2), Today, T0);
        Assert.False(d.IsActiveOn(Today.AddDays(-1)));
        Assert.True(d.IsActiveOn(Today));
        Assert.True(d.IsActiveOn(Today.AddDays(2)));
        Assert.False(d.IsActiveOn(Today.AddDays(3)));
        d.End(T0);
        Assert.False(d.IsActiveOn(Today));
        Assert.False(d.IsCurrentOrPlanned(Today));
    }

    [Theory]
    [InlineData(-1, 0, "delegation-from-past", "from")]
    [InlineData(2, 1, "delegation-range", "to")]
    [InlineData(0, 366, "delegation-too-long", "to")]
    public void A_range_in_the_past_backwards_or_over_a_year_is_refused(int from, int to, string code, string field)
    {
        var e = Assert.Throws<WorkflowRuleException>(() => Delegation.Plan(Secretary, "s2", "李四", Today.AddDays(from), Today.AddDays(to), Today, T0));
        Assert.Equal(code, e.Code);
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void A_year_to_the_day_is_allowed_and_oneself_or_a_drafter_is_refused()
    {
        Assert.Equal(Today.AddDays(365), Delegation.Plan(Secretary, "s2", "李四", Today, Today.AddDays(365), Today, T0).To);
        Assert.Equal("delegate-self", Assert.Throws<WorkflowRuleException>(() => Delegation.Plan(Secretary, Secretary.UserId, "", Today, Today, Today, T0)).Code);
        Assert.Equal(RuleViolation.Forbidden, Assert.Throws<WorkflowRuleException>(() => Delegation.Plan(Drafter, "s2", "李四", Today, Today, Today, T0)).Violation);
    }

    [Fact]
    public void A_stand_in_decides_the_secretary_step_and_the_journal_names_both()
    {
        var report = Draft();
        report.Submit(Drafter, T0);
        var colleague = Make("s2", RoleNames.Drafter);
        Assert.False(report.Can(ReportCommand.Approve, colleague));

        var standIn = colleague.ActingFor(Make("s1", RoleNames.PartySecretary, RoleNames.Drafter) with { });
        Assert.False(standIn.IsIn(RoleNames.Drafter));
        Assert.True(report.Can(ReportCommand.Approve, standIn));
        report.Approve(standIn, "同意。", T0.AddHours(1));

        var entry = report.Journal[^1];
        Assert.Equal("s2", entry.ActorId);
        Assert.Equal("s1", entry.OnBehalfOfId);
        Assert.Equal("s2（代 s1）", entry.ActorShown);
        Assert.False(report.Can(ReportCommand.Approve, standIn));
    }
}
