using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Archive;

namespace Workflow.Web.Pages.Reports;

/// <summary>存档导出: a report's or a year's verifiable archive (.zip), scoped like the reports; the page explains how to verify it.</summary>
public sealed class ArchiveModel(CurrentUser me, ArchiveExport export) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Years = await export.YearsAsync(await me.GetAsync(ct), ct);
        return Page();
    }

    public async Task<IActionResult> OnGetReportAsync(CancellationToken ct)
    {
        ArchivePlan? plan = null;
        var refused = Id is null ? NotFound() : await TryAsync(async () => plan = await export.PlanReportAsync(await me.GetAsync(ct), Id.Value, ct));
        return refused ?? await StreamAsync(plan!, ct);
    }

    public async Task<IActionResult> OnGetYearAsync(CancellationToken ct)
    {
        ArchivePlan? plan = null;
        if (Year is null) ModelState.AddModelError(nameof(Year), "请选择年度。");
        else if (await TryAsync(async () => plan = await export.PlanYearAsync(await me.GetAsync(ct), Year.Value, ct)) is { } refused)
            return refused;
        if (plan is not null) return await StreamAsync(plan, ct);
        return await OnGetAsync(ct);
    }

    /// <summary>Streams the archive straight into the response: one chain's rows and one file's bytes in memory at a time.</summary>
    private async Task<IActionResult> StreamAsync(ArchivePlan plan, CancellationToken ct)
    {
        Response.ContentType = ArchiveExport.ContentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"archive.zip\"; filename*=UTF-8''{Uri.EscapeDataString(plan.FileName)}";
        await export.WriteAsync(plan, Response.Body, ct);
        return new EmptyResult();
    }
}
