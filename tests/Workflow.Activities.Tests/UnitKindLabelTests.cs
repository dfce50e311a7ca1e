using Workflow.Activities.Organization;

namespace Workflow.Activities.Tests;

/// <summary>Unit kinds are named as users say them; older sheets' words still read.</summary>
public sealed class UnitKindLabelTests
{
    [Fact]
    public void The_committee_kind_is_the_organs_working_committee_as_users_say_it()
    {
        Assert.Equal(["报告单位", "纪检监察组", "机关工委"], Enum.GetValues<UnitKind>().Select(Unit.KindLabel));
        Assert.Equal(UnitKind.Committee, Unit.KindAliases("监督委员会"));
        Assert.Equal(UnitKind.Committee, Unit.KindAliases("工委"));
        Assert.Null(Unit.KindAliases("纪委"));
    }
}
