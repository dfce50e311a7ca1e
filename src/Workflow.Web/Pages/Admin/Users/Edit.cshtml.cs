using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Workflow.Activities;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Users;

/// <summary>
/// The 系统管理员 changes an account's name, e-mail and unit, and its posts (兼职: a role in another unit); its home roles are the
/// 安全保密管理员's (三员分立).
/// </summary>
public sealed class EditModel(AdminService admin, PostAdministration posts) : UserFormPage(admin)
{
    /// <summary>A post to add: a unit and a business role that fits its kind.</summary>
    public sealed class PostForm
    {
        public Guid? UnitId { get; set; }
        public string? Role { get; set; }
    }

    [BindProperty]
    public PostForm NewPost { get; set; } = new();

    public IReadOnlyList<PostRow> Posts { get; private set; } = [];

    /// <summary>The business roles, built-in and added (角色管理), for a post.</summary>
    public IReadOnlyList<SelectListItem> PostRoles { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public UserRow Account { get; private set; } = null!;

    public override bool ChoosesRole => false;

    public override IReadOnlyList<string> CurrentRoles => Account.Roles;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await TryAsync(async () =>
    {
        await LoadAsync(ct);
        Input = new UserForm { DisplayName = Account.DisplayName, Email = Account.Email, UnitId = Account.UnitId };
    }) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = false;
        var refused = await TryAsync(async () =>
        {
            saved = ModelState.IsValid && ModelState.Accept(await Admin.UpdateUserAsync(Id, Input.ToAssignment(), ct));
            if (!saved) await LoadAsync(ct);
        });
        if (refused is not null) return refused;
        if (!saved) return Page();
        Flash($"已保存用户“{Input.DisplayName!.Trim()}”的信息。");
        return Redirect("/Admin/Users");
    }

    public async Task<IActionResult> OnPostAddPostAsync(CancellationToken ct)
    {
        PostRow? added = null;
        var refused = await TryAsync(async () => added = await posts.AddAsync(Id, NewPost.UnitId, NewPost.Role, ct), "NewPost.");
        if (refused is not null) return refused;
        if (added is null)
        {
            await TryAsync(() => LoadFormAsync(ct));
            return Page();
        }
        Flash($"已添加兼职：{added.UnitName}·{added.RoleLabel}。");
        return Redirect($"/Admin/Users/Edit/{Id}#posts");
    }

    public async Task<IActionResult> OnPostRemovePostAsync(long postId, CancellationToken ct)
    {
        var refused = await TryAsync(() => posts.RemoveAsync(Id, postId, ct));
        if (refused is not null) return refused;
        Flash("已取消兼职。");
        return Redirect($"/Admin/Users/Edit/{Id}#posts");
    }

    // After a refused post the account form shows what is stored.
    private async Task LoadFormAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new UserForm { DisplayName = Account.DisplayName, Email = Account.Email, UnitId = Account.UnitId };
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Account = await Admin.GetUserAsync(Id, ct);
        await LoadChoicesAsync(ct);
        Posts = await posts.ListAsync(Id, ct);
        PostRoles = (await posts.RoleChoicesAsync(ct)).Select(r => new SelectListItem(RoleNames.Label(r), r)).ToList();
    }
}
