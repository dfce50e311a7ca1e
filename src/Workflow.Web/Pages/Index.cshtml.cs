using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Activities;

namespace Workflow.Web.Pages;

/// <summary>Home: each administrator goes to his own pages (三员分立), everybody else to the inbox.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(
        User.IsInRole(RoleNames.Admin) ? "/Admin/Users"
        : User.IsInRole(RoleNames.SecurityAdmin) ? "/Security"
        : User.IsInRole(RoleNames.Auditor) ? "/Audit"
        : "/Inbox");
}
