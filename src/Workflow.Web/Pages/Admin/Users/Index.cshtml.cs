using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Users;

/// <summary>用户管理: every account with role, unit, e-mail and whether it is locked.</summary>
public sealed class IndexModel(AdminService admin) : AppPageModel
{
    public List<UserRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await admin.ListUsersAsync(ct);
}
