using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Host.Identity;

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
        return AdminResult.Ok;
    }

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
        errors.AddRange(await ValidatePasswordAsync(user, input.Password));
        return errors;
    }

    /// <summary>Changes name, e-mail, role and unit; the acting admin cannot take his own Admin role away.</summary>
    public async Task<AdminResult> UpdateUserAsync(string id, UserAssignment input, string actingUserId, CancellationToken ct = default)
    {
        var user = await _users.FindByIdAsync(id) ?? throw NotFound("用户");
        var errors = await ValidateAssignmentAsync(input.DisplayName, input.Email, input.Role, input.UnitId, ct);
        var current = await _users.GetRolesAsync(user);
        if (id == actingUserId && current.Contains(RoleNames.Admin) && input.Role != RoleNames.Admin)
            errors.Add(new("Role", "不能取消自己的系统管理员角色。"));
        if (errors.Count > 0) return AdminResult.Failed(errors);

        await using var transaction = await _db.Database.BeginTransactionAsync(ct);
        var unitChanged = user.UnitId != input.UnitId;
        user.DisplayName = input.DisplayName!.Trim();
        user.Email = input.Email!.Trim();
        user.UnitId = input.UnitId;
        var updated = await _users.UpdateAsync(user);
        if (!updated.Succeeded) return Refused(updated);
        var stale = current.Where(r => r != input.Role).ToList();
        if (stale.Count > 0 && await _users.RemoveFromRolesAsync(user, stale) is { Succeeded: false } removed) return Refused(removed);
        if (!current.Contains(input.Role!) && await _users.AddToRoleAsync(user, input.Role!) is { Succeeded: false } added) return Refused(added);
        // A new stamp makes the sign-in cookie re-read the roles instead of trusting the old ones.
        if (stale.Count > 0 || !current.Contains(input.Role!) || unitChanged) await _users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(ct);
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
        else if (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var address) || address.Address != email)
            errors.Add(new("Email", "电子邮箱格式不正确。"));

        var validRole = role is not null && RoleNames.All.Contains(role);
        if (string.IsNullOrEmpty(role)) errors.Add(new("Role", "请选择角色。"));
        else if (!validRole) errors.Add(new("Role", "角色无效。"));

        var required = validRole ? RoleUnitRule.RequiredKind(role!) : null;
        var unit = unitId is { } id ? await _db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) : null;
        if (unitId is null && required is not null) errors.Add(new("UnitId", "请选择所属单位。"));
        else if (unitId is not null && unit is null) errors.Add(new("UnitId", "所选单位不存在。"));
        else if (unit is not null && required is { } kind && unit.Kind != kind)
            errors.Add(new("UnitId",
                $"角色“{RoleNames.Label(role!)}”只能分配到{Unit.KindLabel(kind)}，所选单位“{unit.Name}”是{Unit.KindLabel(unit.Kind)}。"));
        return errors;
    }

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
