namespace Workflow.Activities.Reports;

/// <summary>
/// 抄送/知会: report <see cref="ReportId"/> copied to one user at a submission or decision (journal row <see cref="JournalSequence"/>);
/// he may read the report, nothing to decide. Append-only.
/// </summary>
public sealed class ReportCopy
{
    private ReportCopy() { }

    public ReportCopy(Guid reportId, int journalSequence, string userId, string userName, string copiedById, string copiedByName, DateTimeOffset at)
    {
        ReportId = reportId;
        JournalSequence = journalSequence;
        UserId = userId;
        UserName = userName;
        CopiedById = copiedById;
        CopiedByName = copiedByName;
        At = at;
    }

    public long Id { get; private set; }
    public Guid ReportId { get; private set; }
    public int JournalSequence { get; private set; }
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string CopiedById { get; private set; } = "";
    public string CopiedByName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
