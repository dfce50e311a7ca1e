using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Host.Security;

namespace Workflow.Web.Api;

/// <summary>/api/audit: the security audit log (安全审计) for the 安全审计员 only — read and export, never change.</summary>
public static class AuditApi
{
    /// <summary>One entry as the API shows it: kind as stored and in Chinese, time in UTC.</summary>
    public sealed record AuditEntryDto(long Id, DateTimeOffset At, string Kind, string KindName, string? Account, string? Subject,
        bool Succeeded, string? Detail, string? ClientAddress, string? UserAgent);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(WebExtensions.AuditorPolicy);
        group.MapGet("", ListAsync).Describe("ListAuditEntries", "查询安全审计日志", "按条件分页查询，新的在前；X-Total-Count 为符合条件的总条数。")
            .Refuses(StatusCodes.Status400BadRequest);
        group.MapGet("/export", ExportAsync).WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .Describe("ExportAuditLog", "导出安全审计日志").ProducesFile(RectificationsApi.XlsxContentType).Refuses(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<Ok<List<AuditEntryDto>>> ListAsync(string? from, string? to, string? account, string? kind, string? result,
        string? client, string? page, string? pageSize, HttpResponse response, AuditLog log, CancellationToken ct)
    {
        var filter = ParseFilter(from, to, account, kind, result, client);
        var number = ParseInt(page, 1, 1, int.MaxValue, "page-invalid", "页码应为从 1 开始的整数。", "page");
        var size = ParseInt(pageSize, AuditLog.DefaultPageSize, 1, AuditLog.MaxPageSize, "page-size-invalid",
            $"每页条数应为 1 到 {AuditLog.MaxPageSize} 之间的整数。", "pageSize");
        var (rows, total) = await log.PageAsync(filter, number, size, ct);
        response.Headers[RectificationsApi.TotalCountHeader] = total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(rows.Select(e => new AuditEntryDto(e.Id, e.At, e.Kind, SecurityEventLabels.Label(e.Kind), e.Account, e.Subject,
            e.Succeeded, e.Detail, e.ClientAddress, e.UserAgent)).ToList());
    }

    private static async Task<FileContentHttpResult> ExportAsync(string? from, string? to, string? account, string? kind, string? result,
        string? client, AuditLog log, TimeProvider clock, CancellationToken ct)
    {
        var bytes = await log.ExportAsync(ParseFilter(from, to, account, kind, result, client), ct);
        return TypedResults.File(bytes, RectificationsApi.XlsxContentType, FileName(clock));
    }

    /// <summary>The export's file name, with the China date it was made.</summary>
    public static string FileName(TimeProvider clock) => $"安全审计日志-{Workflow.Activities.Calendar.ChinaTime.Today(clock):yyyyMMdd}.xlsx";

    /// <summary>
    /// The filter from query text (shared with the page): dates as yyyy-MM-dd (China days), kind as its stored name,
    /// result as success/failure. A bad value is a 400 naming its field.
    /// </summary>
    public static AuditFilter ParseFilter(string? from, string? to, string? account, string? kind, string? result, string? client)
    {
        var fromDay = ParseDay(from, "from");
        var toDay = ParseDay(to, "to");
        if (fromDay is { } f && toDay is { } t && f > t)
            throw new WorkflowRuleException(RuleViolation.Invalid, "date-range-invalid", "开始日期不能晚于结束日期。", "to");
        SecurityEventKind? parsedKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
            parsedKind = Enum.TryParse<SecurityEventKind>(kind.Trim(), ignoreCase: false, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _)
                ? k
                : throw new WorkflowRuleException(RuleViolation.Invalid, "audit-kind-invalid", "事件类型无效。", "kind");
        bool? succeeded = string.IsNullOrWhiteSpace(result) ? null : result.Trim() switch
        {
            "success" => true,
            "failure" => false,
            _ => throw new WorkflowRuleException(RuleViolation.Invalid, "audit-result-invalid", "结果只能是 success（成功）或 failure（失败）。", "result"),
        };
        return new AuditFilter(fromDay, toDay, Bounded(account, SecurityAuditEntry.MaxAccountLength, "account", "账号"), parsedKind, succeeded,
            Bounded(client, SecurityAuditEntry.MaxClientAddressLength, "client", "客户端地址"));
    }

    private static DateOnly? ParseDay(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && SupportedYears.Contains(day))
            return day;
        throw new WorkflowRuleException(RuleViolation.Invalid, "date-invalid", $"日期格式应为 yyyy-MM-dd（{SupportedYears.Min}–{SupportedYears.Max}年）。", field);
    }

    private static string? Bounded(string? text, int max, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        return trimmed.Length <= max
            ? trimmed
            : throw new WorkflowRuleException(RuleViolation.Invalid, $"{field}-too-long", $"{label}不能超过{max}个字符。", field);
    }

    private static int ParseInt(string? text, int fallback, int min, int max, string code, string message, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new WorkflowRuleException(RuleViolation.Invalid, code, message, field);
    }
}
