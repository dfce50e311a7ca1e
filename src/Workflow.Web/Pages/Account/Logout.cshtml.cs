using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Web.Pages.Account;

/// <summary>Signs out (POST only, with antiforgery).</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, ISecurityAudit audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var account = User.Identity?.IsAuthenticated == true ? User.Identity.Name : null;
        await signIn.SignOutAsync();
        if (account is not null)
            await audit.RecordAsync(new SecurityEvent(SecurityEventKind.SignOut, account), HttpContext.RequestAborted);
        return RedirectToPage("/Account/Login");
    }
}
