using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Activities.Reports;
using Workflow.Host.Archive;

namespace Workflow.Web.Api;

/// <summary>The verifiable archive: a report's or a year's .zip (scoped like the reports), and the auditor's chain check over the live database.</summary>
public static class ArchiveApi
{
    /// <summary>A chain that does not hold: which report or item (<c>label</c>), its first broken link (null: a row outside the chain) and what is wrong.</summary>
    public sealed record BrokenChainDto(string Chain, Guid ChainId, string Label, int? Sequence, string Table, string RowKey, string Problem);

    /// <summary>The outcome of a chain check over the live database.</summary>
    public sealed record ArchiveCheckDto(DateTimeOffset At, bool Ok, int Chains, int Links, IReadOnlyList<BrokenChainDto> Broken);

    /// <summary>The archive endpoints: the exports among the business endpoints, the check among the auditor's.</summary>
    public static void MapArchiveApi(this RouteGroupBuilder business, RouteGroupBuilder secured)
    {
        business.MapGet("/reports/{id:guid}/archive", ReportArchiveAsync).WithTags("Report documents")
            .WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .Describe("ExportReportArchive", "导出报告的可校验存档（zip）",
                "每个版本的正文、带意见的审核记录、该单位该年度的整改事项及其记录和佐证材料，以及含哈希链的 manifest.json；可用 verify 命令离线校验。")
            .ProducesFile(ArchiveExport.ContentType).Refuses(StatusCodes.Status404NotFound);
        business.MapGet("/archive", YearArchiveAsync).WithTags("Report documents")
            .WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .Describe("ExportYearArchive", "导出一个年度的可校验存档（zip）", "我可查看的单位中该年度的全部报告和整改事项，内容同单篇报告的存档。")
            .ProducesFile(ArchiveExport.ContentType).Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        secured.MapPost("/audit/archive-check", CheckAsync).WithTags("Audit").RequireAuthorization(WebExtensions.AuditorPolicy)
            .WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .Describe("CheckArchiveChains", "校验在线数据库的存档哈希链", "逐条重算每份报告和每项整改事项的哈希链，列出每条不符的链及其第一个不符的链节；结果记入安全审计日志。");
    }

    private static async Task<PushStreamHttpResult> ReportArchiveAsync(Guid id, CurrentUser me, ArchiveExport export, CancellationToken ct)
    {
        var plan = await export.PlanReportAsync(await me.GetAsync(ct), id, ct);
        return TypedResults.Stream(body => export.WriteAsync(plan, body, ct), ArchiveExport.ContentType, plan.FileName);
    }

    private static async Task<PushStreamHttpResult> YearArchiveAsync(int? year, CurrentUser me, ArchiveExport export, CancellationToken ct)
    {
        if (year is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-required", "请用 year 指定存档的年度。", "year");
        var plan = await export.PlanYearAsync(await me.GetAsync(ct), year.Value, ct);
        return TypedResults.Stream(body => export.WriteAsync(plan, body, ct), ArchiveExport.ContentType, plan.FileName);
    }

    private static async Task<Ok<ArchiveCheckDto>> CheckAsync(ArchiveCheck check, CancellationToken ct) =>
        TypedResults.Ok(ToDto(await check.RunAsync(ct)));

    public static ArchiveCheckDto ToDto(ArchiveCheckResult result) => new(result.At, result.Ok, result.Chains, result.Links,
        result.Broken.Select(b => new BrokenChainDto(b.Chain, b.ChainId, b.Label, b.Break.Sequence, b.Break.Table, b.Break.RowKey, b.Break.Problem)).ToList());
}
