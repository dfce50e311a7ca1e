using Workflow.Activities.Reports;

namespace Workflow.Activities.Routes;

/// <summary>One review step of a route: the status a report has while waiting there and the role that decides.</summary>
public sealed record RouteStep(ReportStatus Status, string Role, string Name, int TimeLimitWorkingDays);
