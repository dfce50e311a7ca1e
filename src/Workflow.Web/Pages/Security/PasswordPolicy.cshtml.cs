using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Security;

namespace Workflow.Web.Pages.Security;

/// <summary>口令策略: the 安全保密管理员 sets the effective password policy, stored once for every node.</summary>
public sealed class PasswordPolicyModel(PasswordPolicyStore policies, CurrentUser me) : AppPageModel
{
    [BindProperty]
    public PasswordPolicyOptions Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Input = await policies.GetAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A number field left empty or not a number gets a Chinese message; ranges are the policy's own check below.
        foreach (var key in ModelState.Keys.Where(k => ModelState[k]!.Errors.Count > 0).ToList())
        {
            var entry = ModelState[key]!;
            entry.Errors.Clear();
            if (!int.TryParse(entry.AttemptedValue, out _)) ModelState.AddModelError(key, "请输入整数。");
            else entry.ValidationState = Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Valid;
        }
        foreach (var (field, message) in Input.Problems())
            if (ModelState[$"{nameof(Input)}.{field}"] is not { Errors.Count: > 0 })
                ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (!ModelState.IsValid) return Page();
        var problems = await policies.SaveAsync(Input, (await me.GetAsync(ct)).User.UserName ?? "", ct);
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems) ModelState.AddModelError($"{nameof(Input)}.{field}", message);
            return Page();
        }
        Flash("口令策略已保存。");
        return RedirectToPage();
    }
}
