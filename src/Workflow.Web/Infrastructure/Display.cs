using Workflow.Activities.Reports;
using Workflow.Activities.Routes;

namespace Workflow.Web;

/// <summary>Formatting for pages: China Standard Time, status colours, the route diagram.</summary>
public static class Display
{
    private static readonly TimeZoneInfo China = FindChina();

    private static TimeZoneInfo FindChina()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China", "China"); }
    }

    public static string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, China).ToString("yyyy-MM-dd HH:mm");

    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, China).ToString("yyyy-MM-dd");

    public static string StatusCss(ReportStatus status) => status switch
    {
        ReportStatus.Draft => "st-draft",
        ReportStatus.Returned => "st-returned",
        ReportStatus.Approved => "st-approved",
        _ => "st-review",
    };

    /// <summary>The Mermaid text of the route as generated from the machine, with Chinese names and the current status highlighted.</summary>
    public static string RouteDiagram(RouteDefinition route, ReportStatus current)
    {
        var lines = new List<string> { Report.MermaidFor(route).TrimEnd() };
        foreach (var status in Enum.GetValues<ReportStatus>())
            lines.Add($"\t{status} : {route.StepFor(status)?.Name ?? status.Label()}");
        lines.Add("\tclassDef current fill:#b71c1c,color:#fff,stroke:#7f0000,stroke-width:3px");
        lines.Add($"\tclass {current} current");
        return string.Join('\n', lines);
    }

    /// <summary>Paragraphs of a report body, blank lines dropped.</summary>
    public static IEnumerable<string> Paragraphs(string body) =>
        body.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0);
}
