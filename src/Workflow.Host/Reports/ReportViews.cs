using Workflow.Activities.Reports;

namespace Workflow.Host.Reports;

/// <summary>A row of a report list.</summary>
public sealed record ReportSummary(Guid Id, string Title, int Year, Guid UnitId, string UnitName, ReportStatus Status,
    DateTimeOffset StatusSince, DateTimeOffset UpdatedAt, int Revision, int RouteVersion);

/// <summary>A revision without its text, for lists.</summary>
public sealed record RevisionSummary(int Number, string Title, string AuthorName, DateTimeOffset At, int Length);
