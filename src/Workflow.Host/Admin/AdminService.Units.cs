using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Host.Security;

namespace Workflow.Host.Admin;

public sealed partial class AdminService
{
    public const int MaxUnitNameLength = 100;
    public const int MaxUnitCodeLength = 20;

    [GeneratedRegex("^[A-Z0-9]{1,20}$")]
    private static partial Regex UnitCodePattern();

    /// <summary>Whether <paramref name="code"/> (already upper-case) is a unit code: letters and digits, at most 20.</summary>
    public static bool IsUnitCode(string code) => UnitCodePattern().IsMatch(code);

    /// <summary>Committees first, then teams, then agencies, each by code.</summary>
    public async Task<List<UnitRow>> ListUnitsAsync(CancellationToken ct = default)
    {
        var units = await _db.Units.AsNoTracking().ToListAsync(ct);
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        string? NameOf(Guid? id) => id is { } key && names.TryGetValue(key, out var name) ? name : null;
        return units
            .OrderByDescending(u => u.Kind).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new UnitRow(u.Id, u.Name, u.Code, u.Kind, u.SupervisorId, NameOf(u.SupervisorId),
                u.InspectionTeamId, NameOf(u.InspectionTeamId)))
            .ToList();
    }

    public async Task<UnitRow> GetUnitAsync(Guid id, CancellationToken ct = default) =>
        (await ListUnitsAsync(ct)).FirstOrDefault(u => u.Id == id) ?? throw NotFound("单位");

    public async Task<AdminResult> CreateUnitAsync(UnitInput input, CancellationToken ct = default)
    {
        var errors = await ValidateUnitAsync(Guid.Empty, input, ct);
        if (errors.Count > 0) return AdminResult.Failed(errors);
        var kind = input.Kind!.Value;
        _db.Units.Add(kind == UnitKind.Agency
            ? new Unit(Guid.NewGuid(), input.Name!, input.Code!, kind, input.SupervisorId, input.InspectionTeamId)
            : new Unit(Guid.NewGuid(), input.Name!, input.Code!, kind));
        return await AuditedAsync(await SaveAsync("单位名称或代码刚刚已被占用，请检查后重试。", ct),
            $"新建单位“{input.Name!.Trim()}”（{input.Code!.Trim()}，{Unit.KindLabel(kind)}）", ct);
    }

    public async Task<AdminResult> UpdateUnitAsync(Guid id, UnitInput input, CancellationToken ct = default)
    {
        var unit = await _db.Units.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw NotFound("单位");
        var errors = await ValidateUnitAsync(id, input, ct);
        if (input.Kind is { } newKind && newKind != unit.Kind)
            errors.AddRange(await KindChangeBlockersAsync(unit, newKind, ct));
        if (errors.Count > 0) return AdminResult.Failed(errors);

        unit.Rename(input.Name!, input.Code!);
        unit.ChangeKind(input.Kind!.Value);
        if (unit.Kind == UnitKind.Agency) unit.Assign(input.SupervisorId, input.InspectionTeamId);
        return await AuditedAsync(await SaveAsync("单位名称或代码刚刚已被占用，请检查后重试。", ct),
            $"修改单位“{unit.Name}”（{unit.Code}，{Unit.KindLabel(unit.Kind)}）", ct);
    }

    /// <summary>Records a unit change that was saved, or refused by the database (a name taken meanwhile).</summary>
    private async Task<AdminResult> AuditedAsync(AdminResult result, string detail, CancellationToken ct)
    {
        await _audit.RecordAsync(new SecurityEvent(SecurityEventKind.UnitChanged, null, result.Succeeded, detail), ct);
        return result;
    }

    private async Task<List<AdminError>> ValidateUnitAsync(Guid id, UnitInput input, CancellationToken ct)
    {
        var errors = new List<AdminError>();
        var name = input.Name?.Trim() ?? "";
        var code = input.Code?.Trim().ToUpperInvariant() ?? "";

        if (name.Length == 0) errors.Add(new("Name", "请填写单位名称。"));
        else if (name.Length > MaxUnitNameLength) errors.Add(new("Name", $"单位名称不能超过{MaxUnitNameLength}个字。"));
        else if (UserText.ProblemWith(name) is { } problem) errors.Add(new("Name", problem));
        else if (await _db.Units.AnyAsync(u => u.Name == name && u.Id != id, ct)) errors.Add(new("Name", $"已有名为“{name}”的单位。"));

        if (code.Length == 0) errors.Add(new("Code", "请填写单位代码。"));
        else if (!UnitCodePattern().IsMatch(code)) errors.Add(new("Code", $"单位代码只能由英文字母和数字组成，最多{MaxUnitCodeLength}位。"));
        else if (await _db.Units.Where(u => u.Code == code && u.Id != id).Select(u => u.Name).FirstOrDefaultAsync(ct) is { } holder)
            errors.Add(new("Code", $"单位代码“{code}”已被“{holder}”使用。"));

        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors.Add(new("Kind", "请选择单位类型。"));
        else if (kind == UnitKind.Agency)
        {
            if (input.SupervisorId is not { } supervisor) errors.Add(new("SupervisorId", "报告单位必须选择所属机关工委。"));
            else if (!await IsUnitOfKindAsync(supervisor, UnitKind.Committee, ct)) errors.Add(new("SupervisorId", "所选单位不是机关工委。"));
            if (input.InspectionTeamId is not { } team) errors.Add(new("InspectionTeamId", "报告单位必须选择派驻纪检监察组。"));
            else if (!await IsUnitOfKindAsync(team, UnitKind.InspectionTeam, ct)) errors.Add(new("InspectionTeamId", "所选单位不是纪检监察组。"));
        }
        return errors;
    }

    private Task<bool> IsUnitOfKindAsync(Guid id, UnitKind kind, CancellationToken ct) =>
        _db.Units.AnyAsync(u => u.Id == id && u.Kind == kind, ct);

    /// <summary>A unit may change kind only while no agency, report or member depends on the old one.</summary>
    private async Task<List<AdminError>> KindChangeBlockersAsync(Unit unit, UnitKind newKind, CancellationToken ct)
    {
        var reasons = new List<string>();
        var supervised = await _db.Units.CountAsync(u => u.SupervisorId == unit.Id, ct);
        if (supervised > 0) reasons.Add($"该单位是{supervised}个报告单位的机关工委");
        var covered = await _db.Units.CountAsync(u => u.InspectionTeamId == unit.Id, ct);
        if (covered > 0) reasons.Add($"该单位派驻监督{covered}个报告单位");
        var reports = await _db.Reports.CountAsync(r => r.UnitId == unit.Id, ct);
        if (reports > 0) reasons.Add($"该单位已有{reports}份报告");

        var memberRoles = await (from u in _db.Users
                                 where u.UnitId == unit.Id
                                 join ur in _db.UserRoles on u.Id equals ur.UserId
                                 join r in _db.Roles on ur.RoleId equals r.Id
                                 select new { u.Id, Role = r.Name! }).ToListAsync(ct);
        var misfits = memberRoles.Where(m => !RoleUnitRule.Fits(m.Role, newKind)).Select(m => m.Id).Distinct().Count();
        if (misfits > 0) reasons.Add($"该单位有{misfits}名用户的角色与新类型不符，请先调整这些用户");
        // One message: the page shows one error per field.
        return reasons.Count == 0 ? [] : [new("Kind", $"不能更改单位类型：{string.Join("；", reasons)}。")];
    }
}
