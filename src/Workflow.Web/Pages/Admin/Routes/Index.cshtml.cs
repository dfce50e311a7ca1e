using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Routes;

/// <summary>流程版本: every published route version with its steps, time limits and the reports travelling on it.</summary>
public sealed class IndexModel(AdminService admin) : AppPageModel
{
    public List<RouteRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await admin.ListRoutesAsync(ct);
}
