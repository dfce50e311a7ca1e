using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Security;

/// <summary>The state of an account as the 安全保密管理员 sees it.</summary>
public enum AccountState
{
    Active,
    Disabled,
    LockedOut,
    MustChangePassword,
}

/// <summary>One account on the 账号管理 page.</summary>
public sealed record AccountRow(string Id, string UserName, string DisplayName, string? UnitName, IReadOnlyList<string> Roles,
    AccountState State, bool HasPassword)
{
    public static string StateLabel(AccountState state) => state switch
    {
        AccountState.Disabled => "已停用",
        AccountState.LockedOut => "已锁定",
        AccountState.MustChangePassword => "须改密",
        _ => "正常",
    };
}

/// <summary>One account's generated initial password, for the one-time download.</summary>
public sealed record InitialPassword(string UserName, string DisplayName, string UnitName, string Password)
{
    /// <summary>The list as an .xlsx sheet (用户名, 姓名, 所属单位, 初始密码).</summary>
    public static byte[] Spreadsheet(IReadOnlyList<InitialPassword> rows)
    {
        using var book = new ClosedXML.Excel.XLWorkbook();
        var sheet = book.Worksheets.Add("初始密码");
        string[] headers = ["用户名", "姓名", "所属单位", "初始密码（首次登录须修改）"];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = headers[c];
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
            sheet.Column(c + 1).Width = c == 3 ? 30 : 20;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            // Text cells, whatever the first character: a password beginning with = or + is no formula.
            string[] values = [rows[i].UserName, rows[i].DisplayName, rows[i].UnitName, rows[i].Password];
            for (var c = 0; c < values.Length; c++)
                sheet.Cell(i + 2, c + 1).SetValue(values[c]);
        }
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }
}

/// <summary>What an account operation did: the refusals by field, or the one-time password it generated (shown once).</summary>
public sealed record AccountResult(IReadOnlyList<(string Field, string Message)> Errors, string? OneTimePassword = null)
{
    public bool Succeeded => Errors.Count == 0;
    public static AccountResult Ok(string? oneTimePassword = null) => new([], oneTimePassword);
    public static AccountResult Refused(string field, string message) => new([(field, message)]);
    public static AccountResult From(IdentityResult result, string field) =>
        result.Succeeded ? Ok() : new(result.Errors.Select(e => (field, e.Description)).ToList());
}

/// <summary>
/// Account lifecycle (issue 13 item 2): the first administrators, password change and reset, disable / enable, unlock and
/// role assignment under 三员分立. Each change of password, state or roles renews the security stamp, which signs the
/// account out of every page and makes every API token it holds stop working on the next request.
/// </summary>
public sealed class AccountService(AppDbContext db, UserManager<AppUser> users, PasswordPolicyStore policies, ISecurityAudit audit,
    TimeProvider clock)
{
    public async Task<List<AccountRow>> ListAsync(CancellationToken ct = default)
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, Role = r.Name! })
            .ToListAsync(ct)).ToLookup(x => x.UserId, x => x.Role);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = new List<AccountRow>(accounts.Count);
        foreach (var user in accounts)
            rows.Add(new AccountRow(user.Id, user.UserName ?? "", user.DisplayName,
                user.UnitId is { } unitId && units.TryGetValue(unitId, out var unit) ? unit : null,
                roles[user.Id].OrderBy(r => RoleNames.All.Contains(r) ? RoleNames.All.ToList().IndexOf(r) : int.MaxValue).ToList(), await StateAsync(user, ct),
                !string.IsNullOrEmpty(user.PasswordHash)));
        return rows;
    }

    /// <summary>The roles the 安全保密管理员 may give: the built-in ones, then the unit-level roles the 系统管理员 added (角色管理).</summary>
    public async Task<IReadOnlyList<string>> AssignableRolesAsync(CancellationToken ct = default) =>
        [.. RoleNames.All, .. (await RoleBook.LoadAsync(db, ct)).Custom.Select(r => r.Name)];

    public async Task<AccountState> StateAsync(AppUser user, CancellationToken ct = default)
    {
        if (user.DisabledAt is not null) return AccountState.Disabled;
        if (await users.IsLockedOutAsync(user)) return AccountState.LockedOut;
        if (await policies.MustChangeAsync(user, ct)) return AccountState.MustChangePassword;
        return AccountState.Active;
    }

    /// <summary>
    /// The operator's <c>admin create</c>: a new administrator with a generated one-time password (returned once, must be changed
    /// at the first sign-in). Refuses a name in use and a role that is not one of the three administrator roles.
    /// </summary>
    public async Task<AccountResult> CreateAdministratorAsync(string userName, string role, string? displayName, string? email,
        CancellationToken ct = default)
    {
        userName = userName.Trim();
        if (!RoleNames.Administrators.Contains(role))
            return AccountResult.Refused("role", $"角色“{role}”无效，只能是 {string.Join(" / ", RoleNames.Administrators)}。");
        if (userName.Length == 0 || userName.Length > 64 || userName.Any(c => !users.Options.User.AllowedUserNameCharacters.Contains(c)))
            return AccountResult.Refused("userName", "用户名只能由英文字母、数字和 - . _ @ + 组成，最多64位。");
        if (await users.FindByNameAsync(userName) is not null)
            return AccountResult.Refused("userName", $"用户名“{userName}”已存在，未作任何修改。");
        var password = PolicyPasswordValidator.GenerateOneTime(await policies.GetAsync(ct));
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? RoleNames.Label(role) : displayName.Trim(),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            EmailConfirmed = !string.IsNullOrWhiteSpace(email),
            MustChangePassword = true,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return AccountResult.From(created, "userName");
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded) return AccountResult.From(added, "role");
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.AccountCreated, userName, true, $"role={role} via=cli"), ct);
        return AccountResult.Ok(password);
    }

    /// <summary>The user changes his own password (self-service, or forced after a one-time or aged password).</summary>
    public async Task<AccountResult> ChangePasswordAsync(AppUser user, string? currentPassword, string? newPassword, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(currentPassword)) return AccountResult.Refused("CurrentPassword", "请输入当前密码。");
        if (string.IsNullOrEmpty(newPassword)) return AccountResult.Refused("NewPassword", "请输入新密码。");
        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            await audit.RecordAsync(new SecurityEvent(SecurityEventKind.PasswordChanged, user.UserName, false, "当前密码不正确"), ct);
            return AccountResult.Refused("CurrentPassword", "当前密码不正确。");
        }
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded) return AccountResult.From(changed, "NewPassword");
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.PasswordChanged, user.UserName), ct);
        return AccountResult.Ok();
    }

    /// <summary>The 安全保密管理员 resets a password: a new one-time password, shown once; also lifts a lockout.</summary>
    public async Task<AccountResult> ResetPasswordAsync(string id, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound;
        var password = PolicyPasswordValidator.GenerateOneTime(await policies.GetAsync(ct));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        IdentityResult result;
        if (string.IsNullOrEmpty(user.PasswordHash))
        {
            user.MustChangePassword = true;
            result = await users.AddPasswordAsync(user, password);
        }
        else
            result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!result.Succeeded) return AccountResult.From(result, "");
        if (user.LockoutEnd is not null) await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.PasswordReset, user.UserName), ct);
        return AccountResult.Ok(password);
    }

    /// <summary>
    /// 生成初始密码: a one-time password for every account in use that has none yet (imported accounts arrive without one), each
    /// to be changed at the first sign-in. The list is handed out once (as a spreadsheet) and kept nowhere.
    /// </summary>
    public async Task<IReadOnlyList<InitialPassword>> IssueInitialPasswordsAsync(CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var ids = await db.Users.Where(u => u.PasswordHash == null && u.DisabledAt == null).OrderBy(u => u.UserName).Select(u => u.Id).ToListAsync(ct);
        var policy = await policies.GetAsync(ct);
        var issued = new List<InitialPassword>();
        foreach (var id in ids)
        {
            var user = await users.FindByIdAsync(id);
            if (user is null || !string.IsNullOrEmpty(user.PasswordHash)) continue;
            var password = PolicyPasswordValidator.GenerateOneTime(policy);
            user.MustChangePassword = true;
            if (!(await users.AddPasswordAsync(user, password)).Succeeded) continue;
            await audit.RecordAsync(new SecurityEvent(SecurityEventKind.PasswordReset, user.UserName, true, "初始密码"), ct);
            issued.Add(new InitialPassword(user.UserName ?? "", user.DisplayName,
                user.UnitId is { } unitId && units.TryGetValue(unitId, out var unit) ? unit : "", password));
        }
        return issued;
    }

    /// <summary>Stops an account: no sign-in, and its cookies and tokens stop working on their next request.</summary>
    public async Task<AccountResult> DisableAsync(string id, string actingUserId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound;
        if (id == actingUserId) return AccountResult.Refused("", "不能停用自己的账号。");
        if (user.DisabledAt is not null) return AccountResult.Ok();
        user.DisabledAt = clock.GetUtcNow();
        var result = await users.UpdateAsync(user);
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.AccountDisabled, user.UserName, result.Succeeded), ct);
        return AccountResult.From(result, "");
    }

    public async Task<AccountResult> EnableAsync(string id, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound;
        if (user.DisabledAt is null) return AccountResult.Ok();
        user.DisabledAt = null;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.AccountEnabled, user.UserName, result.Succeeded), ct);
        return AccountResult.From(result, "");
    }

    public async Task<AccountResult> UnlockAsync(string id, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound;
        var result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded) result = await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.AccountUnlocked, user.UserName, result.Succeeded), ct);
        return AccountResult.From(result, "");
    }

    /// <summary>
    /// Sets the account's roles, business and administrator alike. 三员分立: at most one administrator role, never together with
    /// a business role; one cannot take the 安全保密管理员 role from oneself; a business role needs a unit of its kind.
    /// </summary>
    public async Task<AccountResult> SetRolesAsync(string id, IReadOnlyCollection<string> roles, string actingUserId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound;
        var wanted = roles.Distinct().ToList();
        var book = await RoleBook.LoadAsync(db, ct);
        if (wanted.FirstOrDefault(r => !book.IsKnown(r)) is { } unknown) return AccountResult.Refused("Roles", $"角色“{unknown}”无效。");
        var administrators = wanted.Where(RoleNames.Administrators.Contains).ToList();
        if (administrators.Count > 1)
            return AccountResult.Refused("Roles", $"三员分立：一个账号只能担任一种管理员角色（{string.Join("、", administrators.Select(RoleNames.Label))}不能兼任）。");
        if (administrators.Count == 1 && wanted.Count > 1)
            return AccountResult.Refused("Roles", $"三员分立：{RoleNames.Label(administrators[0])}不能同时担任业务角色。");
        if (administrators.Count == 1 && await db.UserPosts.AnyAsync(p => p.UserId == id, ct))
            return AccountResult.Refused("Roles", $"三员分立：该账号在其他单位兼职业务角色，请先取消兼职再授予{RoleNames.Label(administrators[0])}。");
        var current = await users.GetRolesAsync(user);
        if (id == actingUserId && current.Contains(RoleNames.SecurityAdmin) && !wanted.Contains(RoleNames.SecurityAdmin))
            return AccountResult.Refused("Roles", "不能取消自己的安全保密管理员角色。");
        var unit = user.UnitId is { } unitId ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) : null;
        foreach (var role in wanted)
            if (book.RequiredKind(role) is { } kind && unit?.Kind != kind)
                return AccountResult.Refused("Roles", $"角色“{RoleNames.Label(role)}”只能分配给{Unit.KindLabel(kind)}的账号，该账号所属单位不符。");
        var stale = current.Except(wanted).ToList();
        var fresh = wanted.Except(current).ToList();
        if (stale.Count == 0 && fresh.Count == 0) return AccountResult.Ok();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (stale.Count > 0 && await users.RemoveFromRolesAsync(user, stale) is { Succeeded: false } removed) return AccountResult.From(removed, "Roles");
        if (fresh.Count > 0 && await users.AddToRolesAsync(user, fresh) is { Succeeded: false } added) return AccountResult.From(added, "Roles");
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.RolesChanged, user.UserName, true,
            $"added={string.Join(',', fresh)} removed={string.Join(',', stale)}"), ct);
        return AccountResult.Ok();
    }

    private static AccountResult NotFound => AccountResult.Refused("", "账号不存在。");
}
