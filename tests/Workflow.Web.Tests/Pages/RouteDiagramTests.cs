using Workflow.Activities.Reports;
using Workflow.Activities.Routes;

namespace Workflow.Web.Tests.Pages;

/// <summary>The route diagram on the report page: every transition of the machine, named in Chinese.</summary>
public sealed class RouteDiagramTests
{
    private static readonly RouteDefinition Route = RouteDefinition.StandardV1(DateTimeOffset.UnixEpoch);

    [Fact]
    public void Diagram_keeps_every_transition_of_the_machine_and_names_each_in_chinese()
    {
        var machine = Report.MermaidFor(Route).Split('\n').Where(l => l.Contains("-->")).ToList();
        var shown = Display.RouteDiagram(Route, ReportStatus.Returned).Split('\n').Where(l => l.Contains("-->")).ToList();

        Assert.Equal(machine.Count, shown.Count);
        Assert.All(shown.Where(l => l.Contains(" : ")), line =>
            Assert.DoesNotMatch(@" : .*[A-Za-z\[]", line));
        Assert.Contains("\tDraft --> SecretaryReview : 提交", shown);
        Assert.Contains("\tReturned --> SecretaryReview : 重新提交（从第一步）", shown);
        Assert.Contains("\tReturned --> DisciplineReview : 重新提交（原路返回）", shown);
        Assert.Contains("\tCommitteeReview --> Approved : 通过", shown);
        Assert.Contains("\tDisciplineReview --> Draft : 撤回", shown);
    }

    [Fact]
    public void Diagram_reads_left_to_right_and_highlights_only_the_current_status()
    {
        var lines = Display.RouteDiagram(Route, ReportStatus.DisciplineReview).Split('\n');

        Assert.Equal("stateDiagram-v2", lines[0]);
        Assert.Equal("\tdirection LR", lines[1]);
        Assert.Contains("\tDisciplineReview : 纪检监察组审核", lines);
        Assert.Equal(["\tclass DisciplineReview current"], lines.Where(l => l.Contains("class ") && !l.Contains("classDef")));
    }
}
