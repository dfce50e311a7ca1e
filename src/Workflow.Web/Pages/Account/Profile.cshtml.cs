using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Identity;

namespace Workflow.Web.Pages.Account;

/// <summary>个人设置: the user's e-mail address; how each kind of message reaches him is on 消息设置 (/Account/Messages).</summary>
public sealed class ProfileModel(UserManager<AppUser> users, CurrentUser me) : AppPageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写电子邮箱。"), EmailAddress(ErrorMessage = "电子邮箱格式不正确。"), StringLength(256)]
        public string Email { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string DisplayName { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string? UnitName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Describe(user);
        Input = new InputModel { Email = user.User.Email ?? "" };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var context = await me.GetAsync(ct);
        Describe(context);
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByIdAsync(context.User.Id);
        if (user is null) return NotFound();
        user.Email = Input.Email.Trim();
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
            return Page();
        }
        Flash("个人设置已保存。");
        return RedirectToPage();
    }

    private void Describe(UserContext user)
    {
        DisplayName = user.User.DisplayName;
        UserName = user.User.UserName ?? "";
        UnitName = user.UnitName;
    }
}
