using Workflow.Activities;
using Workflow.Activities.Routes;
using Workflow.Host.Data.Configurations;

namespace Workflow.Host.Tests.Routes;

/// <summary>The step mode in the route JSON column: written as "mode", and a step stored before modes existed reads as single.</summary>
public sealed class StepModeJsonTests
{
    [Fact]
    public void A_countersign_step_keeps_its_mode_and_an_old_step_reads_as_single()
    {
        var steps = new[]
        {
            new RouteStep("DisciplineReview", "纪检监察组会签", StepDecider.InspectionTeam(), 5, Mode: StepMode.All),
            new RouteStep("CommitteeReview", "市直机关工委审核", StepDecider.Supervisor(), 5, true, StepMode.Any),
        };
        var text = RouteStepsJson.Write(steps);
        Assert.Contains("\"mode\":\"all\"", text);
        Assert.Equal([StepMode.All, StepMode.Any], RouteStepsJson.Read(text).Select(s => s.Mode));

        var old = """[{"Key":"SecretaryReview","Name":"党组书记审核","Decider":{"Kind":"OwnUnit","Role":"PartySecretary"},"TimeLimitWorkingDays":3}]""";
        Assert.Equal(StepMode.Single, Assert.Single(RouteStepsJson.Read(old)).Mode);
        Assert.All(RouteDefinition.StandardV1(DateTimeOffset.UnixEpoch).Steps, s => Assert.Equal(StepMode.Single, s.Mode));
        Assert.Equal(RoleNames.PartySecretary, RouteStepsJson.Read(old)[0].Role);
    }
}
