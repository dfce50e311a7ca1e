using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Host.Identity;

namespace Workflow.Web.Pages.Account;

/// <summary>Sign in with user name and password; five failures lock the account for 15 minutes, without saying so (see <see cref="PasswordLogin"/>).</summary>
public sealed class LoginModel(SignInManager<AppUser> signIn, PasswordLogin login) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "请输入用户名。")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请输入密码。")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var checkedLogin = await login.CheckAsync(Input.UserName, Input.Password, HttpContext.RequestAborted);
        if (checkedLogin.User is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (checkedLogin.Refusal is { } refusal)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError("", $"登录尝试过于频繁，请在 {refusal.RetryAfterMinutes} 分钟后再试。");
        }
        else
            ModelState.AddModelError("", PasswordLogin.FailureTitle);
        return Page();
    }
}
