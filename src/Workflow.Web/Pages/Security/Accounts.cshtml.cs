using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Security;

namespace Workflow.Web.Pages.Security;

/// <summary>
/// 账号管理 of the 安全保密管理员: every account with its state (正常 / 已停用 / 已锁定 / 须改密); disable, enable, unlock, and reset
/// the password to a one-time one shown once on the answer (never stored or redirected through a cookie).
/// </summary>
public sealed class AccountsModel(AccountService accounts, CurrentUser me) : AppPageModel
{
    public IReadOnlyList<AccountRow> Rows { get; private set; } = [];
    public string MyId { get; private set; } = "";
    public string? OneTimePassword { get; private set; }
    public string? OneTimeFor { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) =>
        ActAsync(async () => await accounts.DisableAsync(id, (await me.GetAsync(ct)).User.Id, ct), "账号已停用，其所有登录会话和访问令牌已失效。", ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) =>
        ActAsync(() => accounts.EnableAsync(id, ct), "账号已启用。", ct);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) =>
        ActAsync(() => accounts.UnlockAsync(id, ct), "账号已解锁。", ct);

    public async Task<IActionResult> OnPostResetAsync(string id, CancellationToken ct)
    {
        var result = await accounts.ResetPasswordAsync(id, ct);
        if (result.Succeeded)
        {
            OneTimePassword = result.OneTimePassword;
            await LoadAsync(ct);
            OneTimeFor = Rows.FirstOrDefault(r => r.Id == id)?.UserName;
            return Page();
        }
        return await ShowAsync(result, ct);
    }

    /// <summary>One-time download of initial passwords for every account that has none; nothing to issue: a message instead.</summary>
    public async Task<IActionResult> OnPostInitialAsync(CancellationToken ct)
    {
        var issued = await accounts.IssueInitialPasswordsAsync(ct);
        if (issued.Count == 0)
        {
            Flash("没有需要生成初始密码的账号。");
            return RedirectToPage();
        }
        Response.Headers.CacheControl = "no-store";
        return File(InitialPassword.Spreadsheet(issued), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "初始密码.xlsx");
    }

    private async Task<IActionResult> ActAsync(Func<Task<AccountResult>> action, string done, CancellationToken ct)
    {
        var result = await action();
        if (!result.Succeeded) return await ShowAsync(result, ct);
        Flash(done);
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(AccountResult result, CancellationToken ct)
    {
        foreach (var (_, message) in result.Errors) ModelState.AddModelError("", message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MyId = (await me.GetAsync(ct)).User.Id;
        Rows = await accounts.ListAsync(ct);
    }
}
