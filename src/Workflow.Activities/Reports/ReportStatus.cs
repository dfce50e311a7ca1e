namespace Workflow.Activities.Reports;

/// <summary>Stable status codes of a report; stored as text and used by the API.</summary>
public enum ReportStatus
{
    Draft,
    SecretaryReview,
    DisciplineReview,
    CommitteeReview,
    Returned,
    Approved,
}

/// <summary>Chinese labels for statuses.</summary>
public static class ReportStatusLabels
{
    public static string Label(this ReportStatus status) => status switch
    {
        ReportStatus.Draft => "草稿",
        ReportStatus.SecretaryReview => "党组书记审核",
        ReportStatus.DisciplineReview => "纪检监察组审核",
        ReportStatus.CommitteeReview => "市直机关工委审核",
        ReportStatus.Returned => "已退回",
        ReportStatus.Approved => "已通过",
        _ => status.ToString(),
    };

    public static bool IsReview(this ReportStatus status) =>
        status is ReportStatus.SecretaryReview or ReportStatus.DisciplineReview or ReportStatus.CommitteeReview;
}
