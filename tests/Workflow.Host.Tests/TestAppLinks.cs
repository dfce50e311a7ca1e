namespace Workflow.Host.Tests;

/// <summary>Host runs here without Web, which supplies the real links: the same paths, written out for the tests.</summary>
public sealed class TestAppLinks : IAppLinks
{
    public string Report(Guid reportId) => $"/Reports/Details/{reportId}";

    public string Rectification(Guid itemId) => $"/Rectifications/Details/{itemId}";

    public string NewReport() => "/Reports/Create";

    public string Reports() => "/Reports";
}
