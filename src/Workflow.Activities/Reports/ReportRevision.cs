namespace Workflow.Activities.Reports;

/// <summary>A numbered, immutable copy of the report text as saved by its author.</summary>
public sealed class ReportRevision
{
    private ReportRevision() { }

    internal ReportRevision(Guid reportId, int number, string title, string body, Actor author, DateTimeOffset at)
    {
        ReportId = reportId;
        Number = number;
        Title = title;
        Body = body;
        AuthorId = author.UserId;
        AuthorName = author.DisplayName;
        At = at;
    }

    public long Id { get; private set; }
    public Guid ReportId { get; private set; }
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string AuthorId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
