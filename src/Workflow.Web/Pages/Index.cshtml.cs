using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Activities;

namespace Workflow.Web.Pages;

/// <summary>Home: administrators go to user management, everybody else to the inbox.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(User.IsInRole(RoleNames.Admin) ? "/Admin/Users" : "/Inbox");
}
