using Workflow.Activities.Reports;

namespace Workflow.Activities.Tests;

/// <summary>The route diagram is generated from the machine; a changed route shows up here in review.</summary>
public sealed class RouteDiagramTests
{
    [Fact]
    public void Mermaid_diagram_of_route_v1_matches_the_snapshot()
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Snapshots", "route-v1.mmd"));
        Assert.Equal(Normalize(expected), Normalize(Report.MermaidFor(TestActors.V1)));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Trim();
}
