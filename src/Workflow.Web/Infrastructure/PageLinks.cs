using Workflow.Host;

namespace Workflow.Web;

/// <summary>The links of notifications and mails, generated from the Razor pages' own routes.</summary>
public sealed class PageLinks(LinkGenerator links) : IAppLinks
{
    public string Report(Guid reportId) => Page("/Reports/Details", new { id = reportId });

    public string Rectification(Guid itemId) => Page("/Rectifications/Details", new { id = itemId });

    public string NewReport() => Page("/Reports/Create");

    public string Reports() => Page("/Reports/Index");

    private string Page(string page, object? values = null) =>
        links.GetPathByPage(page, handler: null, values)
        ?? throw new InvalidOperationException($"No route to the page {page}.");
}
