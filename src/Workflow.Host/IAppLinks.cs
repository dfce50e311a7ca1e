namespace Workflow.Host;

/// <summary>
/// Paths of the pages a notification or mail links to. The pages are Web's, so Web supplies this (from its page routes);
/// Host only asks for them.
/// </summary>
public interface IAppLinks
{
    /// <summary>A report's page.</summary>
    string Report(Guid reportId);

    /// <summary>A rectification item's page.</summary>
    string Rectification(Guid itemId);

    /// <summary>The page where a drafter starts a new report.</summary>
    string NewReport();

    /// <summary>The list of reports.</summary>
    string Reports();
}
