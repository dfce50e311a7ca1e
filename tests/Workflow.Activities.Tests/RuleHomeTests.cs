using Workflow.Activities.Calendar;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;

namespace Workflow.Activities.Tests;

/// <summary>Rules with one home: who covers which agency, the supported years, the China day of an instant.</summary>
public sealed class RuleHomeTests
{
    private static readonly Unit Committee = new(Guid.NewGuid(), "市直机关工委", "GW", UnitKind.Committee);
    private static readonly Unit Team = new(Guid.NewGuid(), "第一纪检监察组", "JJ1", UnitKind.InspectionTeam);
    private static readonly Unit Agency = new(Guid.NewGuid(), "市科协", "KX", UnitKind.Agency, Committee.Id, Team.Id);
    private static readonly Unit Other = new(Guid.NewGuid(), "生态环境局", "ST", UnitKind.Agency, Guid.NewGuid(), Guid.NewGuid());

    [Theory]
    [InlineData(RoleNames.Drafter, "agency")]
    [InlineData(RoleNames.PartySecretary, "agency")]
    [InlineData(RoleNames.DisciplineInspector, "team")]
    [InlineData(RoleNames.Committee, "committee")]
    [InlineData(RoleNames.Admin, null)]
    public void An_agency_is_covered_by_its_own_members_its_team_and_its_committee(string role, string? home)
    {
        var expected = home switch { "agency" => Agency.Id, "team" => Team.Id, "committee" => Committee.Id, _ => (Guid?)null };
        Assert.Equal(expected, RoleUnitRule.CoveringUnit(Agency, role));

        // The query form says the same: members of the covering unit see this agency and not another one.
        var covered = new[] { Agency, Other }.AsQueryable().Where(RoleUnitRule.CoveredBy(expected ?? Agency.Id, role)).ToList();
        Assert.Equal(expected is null ? [] : [Agency], covered);
    }

    [Theory]
    [InlineData(1999, false)]
    [InlineData(2000, true)]
    [InlineData(2100, true)]
    [InlineData(2101, false)]
    public void Years_2000_to_2100_are_supported_and_others_refused_with_the_stable_codes(int year, bool supported)
    {
        Assert.Equal(supported, SupportedYears.Contains(year));
        if (supported)
        {
            SupportedYears.CheckYear(year);
            Assert.Equal(new DateOnly(year, 6, 1), SupportedYears.CheckDate(new DateOnly(year, 6, 1), "deadline"));
            return;
        }
        var badYear = Assert.Throws<WorkflowRuleException>(() => SupportedYears.CheckYear(year));
        Assert.Equal(("year-invalid", "年度应在2000至2100之间。", "year"), (badYear.Code, badYear.Message, badYear.Field));
        var badDate = Assert.Throws<WorkflowRuleException>(() => SupportedYears.CheckDate(new DateOnly(year, 6, 1), "deadline"));
        Assert.Equal(("date-out-of-range", "日期应在2000年至2100年之间。", "deadline"), (badDate.Code, badDate.Message, badDate.Field));
    }

    [Fact]
    public void The_day_of_an_instant_is_its_day_in_China()
    {
        Assert.Equal(new DateOnly(2026, 3, 2), ChinaTime.DateOf(new DateTimeOffset(2026, 3, 1, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 3, 1), ChinaTime.DateOf(new DateTimeOffset(2026, 3, 1, 15, 59, 59, TimeSpan.Zero)));
    }
}
