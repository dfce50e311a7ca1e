using Hangfire.Dashboard;
using Workflow.Activities;

namespace Workflow.Web;

/// <summary>The Hangfire dashboard is for administrators only: 401 when not signed in, 403 for other roles.</summary>
internal sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(RoleNames.Admin);
}
