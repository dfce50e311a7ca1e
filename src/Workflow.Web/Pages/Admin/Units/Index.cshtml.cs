using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Units;

/// <summary>单位管理: every unit with its kind and, for agencies, the committee and team it reports to.</summary>
public sealed class IndexModel(AdminService admin) : AppPageModel
{
    public List<UnitRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await admin.ListUnitsAsync(ct);
}
