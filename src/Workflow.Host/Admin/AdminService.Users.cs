using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Host.Admin;

public sealed partial class AdminService
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 100;
    public const int MaxEmailLength = 256;

    public async Task<List<UserRow>> ListUsersAsync(CancellationToken ct = default)
    {
        var accounts = await _db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = (await (from ur in _db.UserRoles
                            join r in _db.Roles on ur.RoleId equals r.Id
                            select new { ur.UserId, Role = r.Name! }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Role);
        var units = await _db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        var rows = new List<UserRow>(accounts.Count);
        foreach (var user in accounts)
        {
            // Identity decides lockout on its own clock; ask it, so the list says what sign-in will do.
            var locked = await _users.IsLockedOutAsync(user);
            rows.Add(new UserRow(user.Id, user.UserName ?? "", user.DisplayName, user.Email,
                roles[user.Id].OrderBy(RoleOrder).ToList(), user.UnitId,
                user.UnitId is { } unitId && units.TryGetValue(unitId, out var unitName) ? unitName : null,
                locked, locked ? user.LockoutEnd : null));
        }
        return rows;
    }

    /// <summary>The roles the 系统管理员 gives a new account: the business roles, built-in and added (角色管理).</summary>
    public async Task<IReadOnlyList<string>> BusinessRolesAsync(CancellationToken ct = default) => (await RoleBook.LoadAsync(_db, ct)).Business;

    public async Task<UserRow> GetUserAsync(string id, CancellationToken ct = default) =>
        (await ListUsersAsync(ct)).FirstOrDefault(u => u.Id == id) ?? throw NotFound("用户");

    public async Task<AdminResult> CreateUserAsync(NewUserInput input, CancellationToken ct = default)
    {
        var user = NewUser(input);
        var errors = await NewUserErrorsAsync(user, input, ct);
        if (errors.Count > 0) return AdminResult.Failed(errors);

        await using var transaction = await _db.Database.BeginTransactionAsync(ct);
        var created = await _users.CreateAsync(user, input.Password!);
        if (!created.Succeeded) return Refused(created);
        var added = await _users.AddToRoleAsync(user, input.Role!);
        if (!added.Succeeded) return Refused(added);
        await transaction.CommitAsync(ct);
        await _audit.RecordAsync(new SecurityEvent(SecurityEventKind.AccountCreated, user.UserName, true,
            $"角色：{RoleNames.Label(input.Role!)}；单位：{await UnitNameAsync(user.UnitId, ct)}"), ct);
        return AdminResult.Ok;
    }

    private async Task<string> UnitNameAsync(Guid? unitId, CancellationToken ct) =>
        unitId is { } id ? await _db.Units.AsNoTracking().Where(u => u.Id == id).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "无" : "无";

    /// <summary>Checks a new account without creating it, so a form refused for another reason can still show every problem.</summary>
    public async Task<AdminResult> ValidateNewUserAsync(NewUserInput input, CancellationToken ct = default) =>
        AdminResult.From(await NewUserErrorsAsync(NewUser(input), input, ct));

    private static AppUser NewUser(NewUserInput input) => new()
    {
        UserName = input.UserName?.Trim() ?? "",
        DisplayName = input.DisplayName?.Trim() ?? "",
        Email = input.Email?.Trim(),
        EmailConfirmed = true,
        UnitId = input.UnitId,
        // The password the admin typed is a one-time one: the first sign-in must set a new one.
        MustChangePassword = true,
    };

    private async Task<List<AdminError>> NewUserErrorsAsync(AppUser user, NewUserInput input, CancellationToken ct)
    {
        var userName = user.UserName!;
        var errors = new List<AdminError>();
        if (userName.Length == 0) errors.Add(new("UserName", "请填写用户名。"));
        else if (userName.Length > MaxUserNameLength || userName.Any(c => !_users.Options.User.AllowedUserNameCharacters.Contains(c)))
            errors.Add(new("UserName", $"用户名只能由英文字母、数字和 - . _ @ + 组成，最多{MaxUserNameLength}位。"));
        else if (await _users.FindByNameAsync(userName) is not null)
            errors.Add(new("UserName", $"用户名“{userName}”已被使用。"));
        errors.AddRange(await ValidateAssignmentAsync(input.DisplayName, input.Email, input.Role, input.UnitId, ct));
        // 三员分立: the 系统管理员 creates business accounts; administrator roles are given by the 安全保密管理员 (or the operator's CLI).
        if (input.Role is { } role && RoleNames.IsAdministrator(role))
            errors.Add(new("Role", "系统管理员只能创建业务账号；管理员角色由安全保密管理员分配。"));
        errors.AddRange(await ValidatePasswordAsync(user, input.Password));
        return errors;
    }

    /// <summary>
    /// Changes name, e-mail and unit. The roles stay: 三员分立 leaves changing an existing account's roles to the
    /// 安全保密管理员, so a role other than the one the account holds is refused. The unit must still fit that role.
    /// </summary>
    public async Task<AdminResult> UpdateUserAsync(string id, UserAssignment input, CancellationToken ct = default)
    {
        var user = await _users.FindByIdAsync(id) ?? throw NotFound("用户");
        var current = await _users.GetRolesAsync(user);
        var role = current.OrderBy(RoleOrder).FirstOrDefault();
        var errors = await ValidateAssignmentAsync(input.DisplayName, input.Email, role ?? RoleNames.Admin, input.UnitId, ct);
        if (!string.IsNullOrEmpty(input.Role) && !current.Contains(input.Role))
            errors.Add(new("Role", "系统管理员不能修改已有账号的角色，请联系安全保密管理员。"));
        if (errors.Count > 0) return AdminResult.Failed(errors);

        var before = (user.DisplayName, user.Email, user.UnitId);
        var unitChanged = user.UnitId != input.UnitId;
        user.DisplayName = input.DisplayName!.Trim();
        user.Email = input.Email!.Trim();
        user.UnitId = input.UnitId;
        var updated = await _users.UpdateAsync(user);
        if (!updated.Succeeded) return Refused(updated);
        // Another unit changes what the person may see: a new stamp ends the sessions' copy of it.
        if (unitChanged) await _users.UpdateSecurityStampAsync(user);
        await _audit.RecordAsync(new SecurityEvent(SecurityEventKind.AccountUpdated, user.UserName, true,
            $"姓名：{before.DisplayName} → {user.DisplayName}；邮箱：{before.Email} → {user.Email}；单位：{await UnitNameAsync(before.UnitId, ct)} → {await UnitNameAsync(user.UnitId, ct)}"), ct);
        return AdminResult.Ok;
    }

    /// <summary>The admin sets a new password; this also lifts a lockout, since that is why people call.</summary>
    public async Task<AdminResult> ResetPasswordAsync(string id, string? newPassword, CancellationToken ct = default)
    {
        var user = await _users.FindByIdAsync(id) ?? throw NotFound("用户");
        var errors = await ValidatePasswordAsync(user, newPassword);
        if (errors.Count > 0) return AdminResult.Failed(errors);

        await using var transaction = await _db.Database.BeginTransactionAsync(ct);
        var token = await _users.GeneratePasswordResetTokenAsync(user);
        var reset = await _users.ResetPasswordAsync(user, token, newPassword!);
        if (!reset.Succeeded) return Refused(reset);
        var unlocked = await UnlockAsync(user);
        if (!unlocked.Succeeded) return unlocked;
        await transaction.CommitAsync(ct);
        return AdminResult.Ok;
    }

    public async Task<AdminResult> UnlockAsync(string id, CancellationToken ct = default)
    {
        var user = await _users.FindByIdAsync(id) ?? throw NotFound("用户");
        ct.ThrowIfCancellationRequested();
        return await UnlockAsync(user);
    }

    private async Task<AdminResult> UnlockAsync(AppUser user)
    {
        if (user.LockoutEnabled && await _users.SetLockoutEndDateAsync(user, null) is { Succeeded: false } ended) return Refused(ended);
        var reset = await _users.ResetAccessFailedCountAsync(user);
        return reset.Succeeded ? AdminResult.Ok : Refused(reset);
    }

    private async Task<List<AdminError>> ValidateAssignmentAsync(string? displayName, string? email, string? role, Guid? unitId,
        CancellationToken ct)
    {
        var errors = new List<AdminError>();
        displayName = displayName?.Trim() ?? "";
        if (displayName.Length == 0) errors.Add(new("DisplayName", "请填写姓名。"));
        else if (displayName.Length > MaxDisplayNameLength) errors.Add(new("DisplayName", $"姓名不能超过{MaxDisplayNameLength}个字。"));
        else if (UserText.ProblemWith(displayName) is { } problem) errors.Add(new("DisplayName", problem));

        email = email?.Trim() ?? "";
        if (email.Length == 0) errors.Add(new("Email", "请填写电子邮箱，审核提醒将发送到这里。"));
        else if (!IsEmailAddress(email))
            errors.Add(new("Email", "电子邮箱格式不正确。"));

        var book = await RoleBook.LoadAsync(_db, ct);
        var validRole = role is not null && book.IsKnown(role);
        if (string.IsNullOrEmpty(role)) errors.Add(new("Role", "请选择角色。"));
        else if (!validRole) errors.Add(new("Role", "角色无效。"));

        var required = validRole ? book.RequiredKind(role!) : null;
        var unit = unitId is { } id ? await _db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) : null;
        if (unitId is null && required is not null) errors.Add(new("UnitId", "请选择所属单位。"));
        else if (unitId is not null && unit is null) errors.Add(new("UnitId", "所选单位不存在。"));
        else if (unit is not null && required is { } kind && unit.Kind != kind)
            errors.Add(new("UnitId",
                $"角色“{RoleNames.Label(role!)}”只能分配到{Unit.KindLabel(kind)}，所选单位“{unit.Name}”是{Unit.KindLabel(unit.Kind)}。"));
        return errors;
    }

    /// <summary>Whether <paramref name="email"/> (trimmed) is one plain mail address that fits the column.</summary>
    public static bool IsEmailAddress(string email) =>
        email.Length <= MaxEmailLength && MailAddress.TryCreate(email, out var address) && address.Address == email;

    /// <summary>Runs Identity's password rules up front so their messages join the other field errors.</summary>
    private async Task<List<AdminError>> ValidatePasswordAsync(AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return [new("Password", "请输入密码。")];
        var refusals = new List<IdentityError>();
        foreach (var validator in _users.PasswordValidators)
            refusals.AddRange((await validator.ValidateAsync(_users, user, password)).Errors);
        return ToErrors(IdentityResult.Failed([.. refusals])).ToList();
    }

    private static AdminResult Refused(IdentityResult result) => AdminResult.Failed(ToErrors(result));

    /// <summary>One message per field (a page shows one), e.g. every missing kind of password character at once.</summary>
    private static IEnumerable<AdminError> ToErrors(IdentityResult result) =>
        result.Errors.GroupBy(e => FieldOf(e.Code)).Select(g => new AdminError(g.Key, string.Join("", g.Select(e => e.Description))));

    private static string FieldOf(string identityCode) => identityCode switch
    {
        _ when identityCode.StartsWith("Password", StringComparison.Ordinal) => "Password",
        "DuplicateUserName" or "InvalidUserName" => "UserName",
        "DuplicateEmail" or "InvalidEmail" => "Email",
        _ => "",
    };

    private static readonly List<string> RolesInOrder = RoleNames.All.ToList();

    private static int RoleOrder(string role) => RolesInOrder.IndexOf(role) is var i and >= 0 ? i : int.MaxValue;
}
