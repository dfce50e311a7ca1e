using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Web.Pages.Account;

/// <summary>
/// 修改密码: self-service from the profile, and the only page an account with a one-time or aged password may open until it
/// has set a new one. The new password meets the policy; the sign-in is renewed with the new security stamp.
/// </summary>
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountService accounts,
    PasswordPolicyStore policies) : AppPageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "请输入当前密码。")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "请输入新密码。")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "请再次输入新密码。"), Compare(nameof(NewPassword), ErrorMessage = "两次输入的密码不一致。")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Forced { get; private set; }
    public string PolicyHint { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => await DescribeAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await DescribeAsync(ct);
        if (user is null) return Challenge();
        if (!ModelState.IsValid) return Page();
        var result = await accounts.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword, ct);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
                ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Input)}.{field}", message);
            return Page();
        }
        // The change renewed the security stamp, which ends every other session; this one goes on with the new stamp.
        await signIn.RefreshSignInAsync(user);
        Flash("密码已修改。");
        return Redirect("/");
    }

    private async Task<AppUser?> DescribeAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        var policy = await policies.GetAsync(ct);
        PolicyHint = $"至少{policy.MinimumLength}位，包含大写字母、小写字母、数字、特殊字符中的至少{policy.RequiredCharacterClasses}类"
                     + (policy.History > 0 ? $"，不能与最近{policy.History}次的密码相同" : "");
        Forced = user is not null && await policies.MustChangeAsync(user, ct);
        return user;
    }
}
