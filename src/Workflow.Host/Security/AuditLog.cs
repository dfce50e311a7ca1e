using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities.Calendar;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Reminders;

namespace Workflow.Host.Security;

/// <summary>What the auditor filters on: days in China time (inclusive), account, kind, result and client address; all optional.</summary>
public sealed record AuditFilter(DateOnly? From, DateOnly? To, string? Account, SecurityEventKind? Kind, bool? Succeeded, string? ClientAddress)
{
    /// <summary>The filter in words, for the export's own audit entry.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (From is not null || To is not null) parts.Add($"日期 {From:yyyy-MM-dd}～{To:yyyy-MM-dd}");
        if (!string.IsNullOrEmpty(Account)) parts.Add($"账号 {Account}");
        if (Kind is { } kind) parts.Add($"事件 {SecurityEventLabels.Label(kind)}");
        if (Succeeded is { } succeeded) parts.Add(succeeded ? "结果 成功" : "结果 失败");
        if (!string.IsNullOrEmpty(ClientAddress)) parts.Add($"地址 {ClientAddress}");
        return parts.Count == 0 ? "全部" : string.Join("，", parts);
    }
}

/// <summary>The auditor's reading of the security audit log: newest first, filtered, paged, exported to .xlsx. It never changes a row.</summary>
public sealed class AuditLog(AppDbContext db, IOptions<AuditOptions> options, ISecurityAudit audit)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int MaxExportRows => options.Value.MaxExportRows;

    /// <summary>One page (from 1) of the matching entries, newest first, and how many match.</summary>
    public async Task<(List<SecurityAuditEntry> Rows, int Total)> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        // Counted in 64 bits: a page number far past the end (page × size beyond int) is an empty page, not an overflow.
        var skip = (long)(Math.Max(page, 1) - 1) * pageSize;
        if (skip >= total) return ([], total);
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((int)skip).Take(pageSize).ToListAsync(ct);
        return (rows, total);
    }

    /// <summary>The matching entries as an .xlsx (Chinese headers and labels); more than <see cref="MaxExportRows"/> is refused. The export is itself recorded.</summary>
    public async Task<byte[]> ExportAsync(AuditFilter filter, CancellationToken ct = default)
    {
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        if (total > MaxExportRows)
        {
            await audit.RecordAsync(new SecurityEvent(SecurityEventKind.AuditLogExported, null, false,
                $"{filter.Describe()}：{total}条，超过导出上限{MaxExportRows}条"), ct);
            throw new WorkflowRuleException(RuleViolation.Invalid, "audit-export-too-large",
                $"筛选结果共{total}条，超过一次导出的上限{MaxExportRows}条，请缩小时间范围或增加筛选条件。");
        }
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(ct);
        var bytes = Write(rows);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.AuditLogExported, null, true, $"{filter.Describe()}：{rows.Count}条"), ct);
        return bytes;
    }

    private IQueryable<SecurityAuditEntry> Filtered(AuditFilter filter)
    {
        var query = db.SecurityAudit.AsNoTracking();
        if (filter.From is { } from)
        {
            var start = StartOf(from);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = StartOf(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.Account))
        {
            var account = filter.Account.Trim();
            query = query.Where(e => e.Account == account || e.Subject == account);
        }
        if (filter.Kind is { } kind)
        {
            var name = kind.ToString();
            query = query.Where(e => e.Kind == name);
        }
        if (filter.Succeeded is { } succeeded) query = query.Where(e => e.Succeeded == succeeded);
        if (!string.IsNullOrWhiteSpace(filter.ClientAddress))
        {
            var address = filter.ClientAddress.Trim();
            query = query.Where(e => e.ClientAddress == address);
        }
        return query;
    }

    /// <summary>Midnight of a China day as an instant (China keeps UTC+8 all year).</summary>
    private static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();

    private static readonly (string Header, double Width)[] Columns =
    [
        ("序号", 8), ("时间（北京时间）", 20), ("事件", 18), ("结果", 8), ("账号", 20), ("对象", 20), ("详情", 60), ("客户端地址", 18), ("浏览器标识", 40),
    ];

    private static byte[] Write(IReadOnlyList<SecurityAuditEntry> rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("安全审计日志");
        for (var c = 0; c < Columns.Length; c++)
        {
            var cell = sheet.Cell(1, c + 1);
            cell.Value = Columns[c].Header;
            cell.Style.Font.Bold = true;
            sheet.Column(c + 1).Width = Columns[c].Width;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var e = rows[i];
            var r = i + 2;
            sheet.Cell(r, 1).Value = i + 1;
            string[] cells =
            [
                TimeZoneInfo.ConvertTime(e.At, ChinaTime.Zone).ToString("yyyy-MM-dd HH:mm:ss"), SecurityEventLabels.Label(e.Kind),
                e.Succeeded ? "成功" : "失败", e.Account ?? "（系统）", e.Subject ?? "", e.Detail ?? "", e.ClientAddress ?? "", e.UserAgent ?? "",
            ];
            // Text stays text: a detail starting with "=" is shown, never made a formula.
            for (var c = 0; c < cells.Length; c++)
                Rectification.LedgerSpreadsheet.SetText(sheet.Cell(r, c + 2), cells[c]);
        }
        sheet.SheetView.FreezeRows(1);
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }
}

/// <summary>Chinese labels of the event kinds, for the auditor's page and the export; the stored names stay English.</summary>
public static class SecurityEventLabels
{
    public static string Label(SecurityEventKind kind) => kind switch
    {
        SecurityEventKind.SignInSucceeded => "登录成功",
        SecurityEventKind.SignInFailed => "登录失败",
        SecurityEventKind.AccountLockedOut => "账号锁定",
        SecurityEventKind.SignInRateLimited => "登录限流",
        SecurityEventKind.SignOut => "退出登录",
        SecurityEventKind.PasswordChanged => "修改密码",
        SecurityEventKind.PasswordReset => "重置密码",
        SecurityEventKind.AccountCreated => "创建账号",
        SecurityEventKind.AccountUpdated => "修改账号信息",
        SecurityEventKind.AccountDisabled => "停用账号",
        SecurityEventKind.AccountEnabled => "启用账号",
        SecurityEventKind.AccountUnlocked => "解锁账号",
        SecurityEventKind.RolesChanged => "变更角色",
        SecurityEventKind.PasswordPolicyChanged => "修改密码策略",
        SecurityEventKind.PermissionDenied => "越权访问被拒绝",
        SecurityEventKind.UnitChanged => "单位变更",
        SecurityEventKind.OrganisationImported => "导入组织机构",
        SecurityEventKind.RoutePublished => "发布流程版本",
        SecurityEventKind.CalendarEdited => "修改工作日历",
        SecurityEventKind.CycleChanged => "报告周期变更",
        SecurityEventKind.OutboxRequeued => "邮件重新发送",
        SecurityEventKind.EvidenceDownloaded => "下载佐证材料",
        SecurityEventKind.AuditLogExported => "导出审计日志",
        SecurityEventKind.AuditLogPurged => "清理过期审计日志",
        SecurityEventKind.BackupCreated => "创建备份",
        SecurityEventKind.DelegationSet => "设置委托代审",
        SecurityEventKind.DelegationEnded => "结束委托代审",
        SecurityEventKind.ArchiveExported => "导出存档",
        SecurityEventKind.ArchiveChecked => "存档链校验",
        _ => kind.ToString(),
    };

    /// <summary>The label of a stored kind name; a name this version does not know is shown as stored.</summary>
    public static string Label(string kind) => Enum.TryParse<SecurityEventKind>(kind, out var known) ? Label(known) : kind;
}
