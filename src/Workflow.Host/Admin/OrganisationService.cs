using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Rectification;
using Workflow.Host.Security;
using static Workflow.Host.Admin.OrganisationSpreadsheet;

namespace Workflow.Host.Admin;

/// <summary>What an organisation import did: units and users created and changed (rows that changed nothing are not counted), or why nothing was.</summary>
public sealed record OrganisationImportResult(int UnitsCreated, int UnitsUpdated, int UsersCreated, int UsersUpdated,
    IReadOnlyList<OrganisationImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static OrganisationImportResult Refused(IReadOnlyList<OrganisationImportError> errors) => new(0, 0, 0, 0, errors);
}

/// <summary>
/// The organisation (units and the people of each) as one workbook: template, export, and an all-or-nothing import that
/// creates or updates by unit code and user name and never deletes. Every row is checked against the organisation as it will
/// be after the import (the file laid over the database), so a user may belong to a unit created by the same file.
/// </summary>
public sealed class OrganisationService(AppDbContext db, UserManager<AppUser> users, IOptions<LimitsOptions> limits, ISecurityAudit audit)
{
    /// <summary>The bounds of an organisation workbook: the spreadsheet file size, <c>Limits:MaxOrganisationRows</c> rows a sheet.</summary>
    public SpreadsheetLimits SpreadsheetLimits =>
        new(limits.Value.MaxSpreadsheetBytes, limits.Value.MaxOrganisationRows, limits.Value.MaxSheetColumns, limits.Value.Package);

    public byte[] Template() => Write([], [], limits.Value.MaxOrganisationRows);

    /// <summary>
    /// Every unit and every account holding a business role, in the import's format. Administrator accounts are left out:
    /// an import may not touch them (三员分立).
    /// </summary>
    public async Task<byte[]> ExportAsync(CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var codes = units.ToDictionary(u => u.Id, u => u.Code);
        string? CodeOf(Guid? id) => id is { } key && codes.TryGetValue(key, out var code) ? code : null;
        var unitRows = units.OrderByDescending(u => u.Kind).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new UnitSheetRow(0, u.Code, u.Name, Unit.KindLabel(u.Kind), CodeOf(u.SupervisorId), CodeOf(u.InspectionTeamId)))
            .ToList();
        var roles = await RolesByUserAsync(ct);
        var userRows = (await db.Users.AsNoTracking().ToListAsync(ct))
            .Where(u => roles[u.Id].Count() == 1 && BusinessRoles.Contains(roles[u.Id].Single()))
            .OrderBy(u => CodeOf(u.UnitId), StringComparer.Ordinal).ThenBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new UserSheetRow(0, u.UserName, u.DisplayName, CodeOf(u.UnitId), RoleNames.Label(roles[u.Id].Single()), u.Email))
            .ToList();
        return Write(unitRows, userRows, limits.Value.MaxOrganisationRows);
    }

    /// <summary>
    /// Imports the workbook in one transaction, or nothing with every refused cell. A refusal of the whole file (size, zip,
    /// not an .xlsx, no header) is a <see cref="WorkflowRuleException"/> on "file". Both outcomes go to the security audit.
    /// </summary>
    public async Task<OrganisationImportResult> ImportAsync(string actingUserName, Stream xlsx, CancellationToken ct = default)
    {
        OrganisationSheets sheets;
        try
        {
            sheets = OrganisationSpreadsheet.Read(xlsx, SpreadsheetLimits);
        }
        catch (WorkflowRuleException e)
        {
            await audit.RecordAsync(new SecurityEvent(SecurityEventKind.OrganisationImported, actingUserName, false, $"file refused: {e.Code}"), ct);
            throw;
        }
        var plan = await PlanAsync(sheets, ct);
        if (plan.Errors.Count > 0)
        {
            await audit.RecordAsync(new SecurityEvent(SecurityEventKind.OrganisationImported, actingUserName, false,
                $"refused: {plan.Errors.Count} errors"), ct);
            return OrganisationImportResult.Refused(plan.Errors);
        }
        var result = await ApplyAsync(plan, ct);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.OrganisationImported, actingUserName, result.Succeeded,
            result.Succeeded
                ? $"units created={result.UnitsCreated} updated={result.UnitsUpdated}; users created={result.UsersCreated} updated={result.UsersUpdated}"
                : "refused: concurrent change"), ct);
        return result;
    }

    /// <summary>A unit as it will be after the import; <see cref="Existing"/> is null for a unit the file creates.</summary>
    private sealed record PlannedUnit(string Code, string Name, UnitKind? Kind, string? SupervisorCode, string? TeamCode, int? Row, Unit? Existing);

    private sealed record PlannedUser(UserSheetRow Row, string UserName, string DisplayName, string Email, string Role, string UnitCode, AppUser? Existing);

    private sealed record Plan(Dictionary<string, PlannedUnit> Units, List<PlannedUnit> FileUnits, List<PlannedUser> Users,
        List<OrganisationImportError> Errors);

    private async Task<Plan> PlanAsync(OrganisationSheets sheets, CancellationToken ct)
    {
        _roles = await RoleBook.LoadAsync(db, ct);
        var errors = sheets.Errors.ToList();
        var existingUnits = await db.Units.ToListAsync(ct);
        var codes = existingUnits.ToDictionary(u => u.Id, u => u.Code);
        string? CodeOf(Guid? id) => id is { } key && codes.TryGetValue(key, out var code) ? code : null;
        var final = existingUnits.ToDictionary(u => u.Code,
            u => new PlannedUnit(u.Code, u.Name, u.Kind, CodeOf(u.SupervisorId), CodeOf(u.InspectionTeamId), null, u), StringComparer.Ordinal);

        var fileUnits = new List<PlannedUnit>();
        foreach (var row in sheets.Units)
            if (UnitRow(row, final, errors) is { } unit)
            {
                final[unit.Code] = unit;
                fileUnits.Add(unit);
            }
        foreach (var unit in fileUnits) CheckRelations(unit, final, errors);
        foreach (var clash in final.Values.GroupBy(u => u.Name).Where(g => g.Count() > 1))
            foreach (var unit in clash.Where(u => u.Row is not null))
                errors.Add(Error(UnitsSheet, unit.Row!.Value, NameColumn,
                    $"单位名称“{unit.Name}”已被单位“{clash.First(u => u != unit).Code}”使用，单位名称不能重复。"));
        await CheckKindChangesAsync(fileUnits, errors, ct);

        var roles = await RolesByUserAsync(ct);
        var plannedUsers = new List<PlannedUser>();
        var seenUsers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in sheets.Users)
            if (await UserRowAsync(row, final, roles, seenUsers, errors) is { } user)
                plannedUsers.Add(user);
        await CheckMembersOfChangedUnitsAsync(fileUnits, plannedUsers, roles, errors, ct);
        return new Plan(final, fileUnits, plannedUsers,
            errors.OrderBy(e => e.Sheet == UnitsSheet ? 0 : 1).ThenBy(e => e.Row).ToList());
    }

    private static PlannedUnit? UnitRow(UnitSheetRow row, Dictionary<string, PlannedUnit> final, List<OrganisationImportError> errors)
    {
        var before = errors.Count;
        void Fail(string column, string reason) => errors.Add(Error(UnitsSheet, row.Row, column, reason));
        var code = row.Code?.ToUpperInvariant() ?? "";
        if (code.Length == 0) Fail(CodeColumn, "请填写单位代码。");
        else if (!AdminService.IsUnitCode(code)) Fail(CodeColumn, $"单位代码只能由英文字母和数字组成，最多{AdminService.MaxUnitCodeLength}位。");
        else if (final.TryGetValue(code, out var earlier) && earlier.Row is { } first)
            Fail(CodeColumn, $"单位代码“{code}”与第{first}行重复。");

        var name = row.Name ?? "";
        if (name.Length == 0) Fail(NameColumn, "请填写单位名称。");
        else if (name.Length > AdminService.MaxUnitNameLength) Fail(NameColumn, $"单位名称不能超过{AdminService.MaxUnitNameLength}个字。");
        else if (UserText.ProblemWith(name) is { } problem) Fail(NameColumn, problem);

        var kind = ParseKind(row.Kind);
        if (row.Kind is null) Fail(KindColumn, "请填写类别：报告单位、纪检监察组 或 机关工委。");
        else if (kind is null) Fail(KindColumn, $"类别“{Excerpt(row.Kind)}”无效，应为 报告单位、纪检监察组 或 机关工委。");

        // A row with a bad code cannot be laid over the organisation; other errors still leave it there, so users of the unit
        // are not also refused as "unknown unit".
        if (errors.Skip(before).Any(e => e.Column == CodeColumn)) return null;
        return new PlannedUnit(code, name, kind, row.SupervisorCode?.ToUpperInvariant(), row.InspectionTeamCode?.ToUpperInvariant(), row.Row,
            final.TryGetValue(code, out var existing) ? existing.Existing : null);
    }

    private static void CheckRelations(PlannedUnit unit, Dictionary<string, PlannedUnit> final, List<OrganisationImportError> errors)
    {
        void Fail(string column, string reason) => errors.Add(Error(UnitsSheet, unit.Row!.Value, column, reason));
        if (unit.Kind is not UnitKind.Agency)
        {
            if (unit.Kind is null) return;
            if (unit.SupervisorCode is not null) Fail(SupervisorColumn, $"只有报告单位填写机关工委代码，{Unit.KindLabel(unit.Kind.Value)}请留空。");
            if (unit.TeamCode is not null) Fail(InspectionTeamColumn, $"只有报告单位填写派驻纪检监察组代码，{Unit.KindLabel(unit.Kind.Value)}请留空。");
            return;
        }
        Check(SupervisorColumn, unit.SupervisorCode, UnitKind.Committee, "机关工委");
        Check(InspectionTeamColumn, unit.TeamCode, UnitKind.InspectionTeam, "派驻纪检监察组");

        void Check(string column, string? code, UnitKind kind, string what)
        {
            if (code is null) Fail(column, $"报告单位必须填写{what}代码。");
            else if (!final.TryGetValue(code, out var target)) Fail(column, $"单位代码“{Excerpt(code)}”不存在（本表和系统中都没有）。");
            else if (target.Kind is { } actual && actual != kind)
                Fail(column, $"“{target.Name}”（{code}）是{Unit.KindLabel(actual)}，不是{Unit.KindLabel(kind)}。");
        }
    }

    /// <summary>An existing unit may change kind only while it has no report (agencies and members are checked against the file).</summary>
    private async Task CheckKindChangesAsync(List<PlannedUnit> fileUnits, List<OrganisationImportError> errors, CancellationToken ct)
    {
        var changed = fileUnits.Where(u => u.Existing is { } e && u.Kind is { } k && k != e.Kind).ToList();
        if (changed.Count == 0) return;
        var ids = changed.Select(u => u.Existing!.Id).ToList();
        var withReports = await db.Reports.Where(r => ids.Contains(r.UnitId)).Select(r => r.UnitId).Distinct().ToListAsync(ct);
        foreach (var unit in changed.Where(u => withReports.Contains(u.Existing!.Id)))
            errors.Add(Error(UnitsSheet, unit.Row!.Value, KindColumn, $"单位“{unit.Existing!.Name}”已有报告，不能更改类别。"));
    }

    private async Task<PlannedUser?> UserRowAsync(UserSheetRow row, Dictionary<string, PlannedUnit> final, ILookup<string, string> roles,
        Dictionary<string, int> seen, List<OrganisationImportError> errors)
    {
        var before = errors.Count;
        void Fail(string column, string reason) => errors.Add(Error(UsersSheet, row.Row, column, reason));
        var userName = row.UserName ?? "";
        AppUser? existing = null;
        if (userName.Length == 0) Fail(UserNameColumn, "请填写用户名。");
        else if (userName.Length > AdminService.MaxUserNameLength || userName.Any(c => !users.Options.User.AllowedUserNameCharacters.Contains(c)))
            Fail(UserNameColumn, $"用户名只能由英文字母、数字和 - . _ @ + 组成，最多{AdminService.MaxUserNameLength}位。");
        else if (seen.TryGetValue(userName, out var first)) Fail(UserNameColumn, $"用户名“{userName}”与第{first}行重复。");
        else
        {
            seen[userName] = row.Row;
            existing = await users.FindByNameAsync(userName);
            if (existing is not null && roles[existing.Id].FirstOrDefault(RoleNames.Administrators.Contains) is { } adminRole)
                Fail(UserNameColumn, $"“{userName}”是{RoleNames.Label(adminRole)}账号，管理员账号不能通过导入修改。");
        }

        var displayName = row.DisplayName ?? "";
        if (displayName.Length == 0) Fail(DisplayNameColumn, "请填写姓名。");
        else if (displayName.Length > AdminService.MaxDisplayNameLength) Fail(DisplayNameColumn, $"姓名不能超过{AdminService.MaxDisplayNameLength}个字。");
        else if (UserText.ProblemWith(displayName) is { } problem) Fail(DisplayNameColumn, problem);

        var email = row.Email ?? "";
        if (email.Length == 0) Fail(EmailColumn, "请填写电子邮箱，审核提醒将发送到这里。");
        else if (!AdminService.IsEmailAddress(email)) Fail(EmailColumn, $"电子邮箱“{Excerpt(email)}”格式不正确。");

        var role = ParseRole(row.Role);
        if (row.Role is null) Fail(RoleColumn, $"请填写角色：{RoleChoices}。");
        else if (role is null) Fail(RoleColumn, $"角色“{Excerpt(row.Role)}”无效，应为 {RoleChoices}。");
        else if (RoleNames.Administrators.Contains(role))
            Fail(RoleColumn, $"不能导入管理员角色“{RoleNames.Label(role)}”：管理员角色只能由安全保密管理员在系统中授予（三员分立）。");

        var unitCode = row.UnitCode?.ToUpperInvariant() ?? "";
        if (unitCode.Length == 0) Fail(UnitCodeColumn, "请填写单位代码。");
        else if (!final.TryGetValue(unitCode, out var unit)) Fail(UnitCodeColumn, $"单位代码“{Excerpt(unitCode)}”不存在（本表和系统中都没有）。");
        else if (role is not null && unit.Kind is { } kind && _roles.RequiredKind(role) is { } required && required != kind)
            Fail(UnitCodeColumn, $"角色“{RoleNames.Label(role)}”只能分配到{Unit.KindLabel(required)}，“{unit.Name}”是{Unit.KindLabel(kind)}。");

        return errors.Count > before ? null : new PlannedUser(row, userName, displayName, email, role!, unitCode, existing);
    }

    /// <summary>A unit whose kind the file changes must not keep a member (not named in the file) whose role needs the old kind.</summary>
    private async Task CheckMembersOfChangedUnitsAsync(List<PlannedUnit> fileUnits, List<PlannedUser> planned, ILookup<string, string> roles,
        List<OrganisationImportError> errors, CancellationToken ct)
    {
        var changed = fileUnits.Where(u => u.Existing is { } e && u.Kind is { } k && k != e.Kind).ToList();
        if (changed.Count == 0) return;
        var inFile = planned.Select(p => p.UserName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var unit in changed)
        {
            var members = await db.Users.AsNoTracking().Where(u => u.UnitId == unit.Existing!.Id).ToListAsync(ct);
            var misfits = members.Where(u => !inFile.Contains(u.UserName!) && roles[u.Id].Any(r => !_roles.Fits(r, unit.Kind!.Value)))
                .Select(u => u.UserName).ToList();
            if (misfits.Count > 0)
                errors.Add(Error(UnitsSheet, unit.Row!.Value, KindColumn,
                    $"单位改为{Unit.KindLabel(unit.Kind!.Value)}后，用户{string.Join("、", misfits.Take(5))}{(misfits.Count > 5 ? "等" : "")}的角色与类别不符，请在“人员”表中一并调整。"));
        }
    }

    private async Task<OrganisationImportResult> ApplyAsync(Plan plan, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = plan.Units.Values.ToDictionary(u => u.Code, u => u.Existing?.Id ?? Guid.NewGuid());
        Guid? IdOf(string? code) => code is null ? null : ids[code];
        int unitsCreated = 0, unitsUpdated = 0, usersCreated = 0, usersUpdated = 0;
        foreach (var planned in plan.FileUnits)
        {
            var kind = planned.Kind!.Value;
            var supervisor = kind == UnitKind.Agency ? IdOf(planned.SupervisorCode) : null;
            var team = kind == UnitKind.Agency ? IdOf(planned.TeamCode) : null;
            if (planned.Existing is not { } unit)
            {
                db.Units.Add(new Unit(ids[planned.Code], planned.Name, planned.Code, kind, supervisor, team));
                unitsCreated++;
                continue;
            }
            if (unit.Name == planned.Name && unit.Kind == kind && unit.SupervisorId == supervisor && unit.InspectionTeamId == team) continue;
            unit.Rename(planned.Name, planned.Code);
            unit.ChangeKind(kind);
            unit.Assign(supervisor, team);
            unitsUpdated++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            foreach (var planned in plan.Users)
            {
                var unitId = ids[planned.UnitCode];
                if (planned.Existing is not { } user)
                {
                    // No password: the account cannot sign in until the 安全保密管理员 issues an initial one.
                    user = new AppUser { UserName = planned.UserName, DisplayName = planned.DisplayName, Email = planned.Email, EmailConfirmed = true, UnitId = unitId };
                    if (!(await users.CreateAsync(user)).Succeeded || !(await users.AddToRoleAsync(user, planned.Role)).Succeeded)
                        return Conflict(planned.Row, UserNameColumn);
                    usersCreated++;
                    continue;
                }
                var current = await users.GetRolesAsync(user);
                var sameRole = current.Count == 1 && current[0] == planned.Role;
                if (user.DisplayName == planned.DisplayName && user.Email == planned.Email && user.UnitId == unitId && sameRole) continue;
                user.DisplayName = planned.DisplayName;
                user.Email = planned.Email;
                user.UnitId = unitId;
                if (!(await users.UpdateAsync(user)).Succeeded) return Conflict(planned.Row, UserNameColumn);
                if (!sameRole)
                {
                    if (current.Count > 0 && !(await users.RemoveFromRolesAsync(user, current)).Succeeded) return Conflict(planned.Row, RoleColumn);
                    if (!(await users.AddToRoleAsync(user, planned.Role)).Succeeded) return Conflict(planned.Row, RoleColumn);
                    // A new stamp makes a signed-in user's cookie re-read the roles instead of trusting the old ones.
                    await users.UpdateSecurityStampAsync(user);
                }
                usersUpdated++;
            }
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return OrganisationImportResult.Refused([Error(UnitsSheet, plan.FileUnits.FirstOrDefault()?.Row ?? 1, CodeColumn,
                "单位名称或代码刚刚已被他人占用，未导入任何内容，请检查后重试。")]);
        }
        await transaction.CommitAsync(ct);
        return new OrganisationImportResult(unitsCreated, unitsUpdated, usersCreated, usersUpdated, []);

        // Another admin changed the same account at the same moment; the transaction is rolled back when disposed.
        OrganisationImportResult Conflict(UserSheetRow row, string column)
        {
            db.ChangeTracker.Clear();
            return OrganisationImportResult.Refused([Error(UsersSheet, row.Row, column, "该账号刚刚已被他人修改，未导入任何内容，请重试。")]);
        }
    }

    private async Task<ILookup<string, string>> RolesByUserAsync(CancellationToken ct) =>
        (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, Role = r.Name! }).ToListAsync(ct))
        .ToLookup(x => x.UserId, x => x.Role);

    private static UnitKind? ParseKind(string? text) =>
        text is null ? null
        : Unit.KindAliases(text) ?? Enum.GetValues<UnitKind>().Cast<UnitKind?>()
            .FirstOrDefault(k => Unit.KindLabel(k!.Value) == text || string.Equals(k.Value.ToString(), text, StringComparison.OrdinalIgnoreCase));

    // The roles of this import: the built-in business roles and the ones the 系统管理员 added (角色管理), read once per plan.
    private RoleBook _roles = new([]);

    private string RoleChoices => string.Join("、", _roles.Business.Select(RoleNames.Label));

    // Labels as the UI shows them, or the role codes of the API; 监督委员会 is what many units call the committee's role. An added
    // role is named by its name (which is its code).
    private string? ParseRole(string? text) =>
        text is null ? null
        : text == "监督委员会" ? RoleNames.Committee
        : RoleNames.All.FirstOrDefault(r => RoleNames.Label(r) == text || string.Equals(r, text, StringComparison.OrdinalIgnoreCase))
          ?? _roles.Custom.FirstOrDefault(r => r.Name == text)?.Name;

    private static string Excerpt(string text) => LedgerSpreadsheet.Excerpt(text);
}
