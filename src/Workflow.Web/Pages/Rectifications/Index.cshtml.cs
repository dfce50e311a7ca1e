using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Rectification;
using Workflow.Host.Rectification;

namespace Workflow.Web.Pages.Rectifications;

/// <summary>
/// The ledger (整改台账): one unit's items, or every covered unit's for the discipline team and the committee, a page at a time.
/// A page number past the end shows the last page; a page size other than 20/50/100 shows 50.
/// </summary>
[Microsoft.AspNetCore.Http.Timeouts.RequestTimeout(WebExtensions.TransferTimeoutPolicy)]
public sealed class IndexModel(CurrentUser me, RectificationLedger service) : AppPageModel
{
    public static readonly int[] PageSizes = [20, LedgerPage.DefaultPageSize, 100];

    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public RectificationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public RectificationSource? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Owner { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool LongTerm { get; set; }
    [BindProperty(SupportsGet = true)] public bool AwaitingMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }
    [BindProperty(SupportsGet = true)] public int PageSize { get; set; } = LedgerPage.DefaultPageSize;

    public IReadOnlyList<LedgerRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public List<(Guid Id, string Name)> Units { get; private set; } = [];
    public List<(string Id, string Name)> Owners { get; private set; } = [];
    public bool CanCreate { get; private set; }

    /// <summary>The committee and the inspection teams see the 问题反弹 list.</summary>
    public bool MayReadRecurrences { get; private set; }
    public bool ManyUnits => Units.Count > 1;

    private LedgerFilter Filter => new(Unit, Status, Source, string.IsNullOrEmpty(Owner) ? null : Owner, Overdue ? true : null,
        LongTerm ? true : null, Sort, Desc, AwaitingMe: AwaitingMe);

    // "page" is also the route value naming the Razor page, so the number is read from the query string only.
    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Units = await service.UnitsAsync(user, ct);
        Owners = await service.OwnersAsync(user, ct);
        if (!PageSizes.Contains(PageSize)) PageSize = LedgerPage.DefaultPageSize;
        var rows = await service.LedgerAsync(user, Filter, ct);
        var cut = LedgerPage.Of(rows, Math.Max(1, page ?? 1), PageSize);
        // A page past the end (e.g. after a filter narrowed the list) shows the last page.
        if (cut.Rows.Count == 0 && cut.Page > cut.PageCount) cut = LedgerPage.Of(rows, cut.PageCount, PageSize);
        (Rows, Total, PageNumber, PageCount) = (cut.Rows, cut.Total, cut.Page, cut.PageCount);
        CanCreate = RectificationFiling.MayCreate(user.Actor);
        MayReadRecurrences = RecurringProblems.MayReadRecurrences(user.Actor);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var bytes = await service.ExportAsync(await me.GetAsync(ct), Filter, ct);
        return File(bytes, Api.RectificationsApi.XlsxContentType, $"整改台账-{service.Today:yyyyMMdd}.xlsx");
    }

    /// <summary>The current filters, sort and page size as a link, with some values replaced; without a page number it opens page 1.</summary>
    public string Query(string? sort = null, bool? desc = null, string? handler = null, int? page = null)
    {
        var q = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text) q.Add($"{key}={Uri.EscapeDataString(text)}");
        }
        Add("handler", handler);
        Add("unit", Unit);
        Add("status", Status);
        Add("source", Source);
        Add("owner", Owner);
        if (Overdue) Add("overdue", "true");
        if (LongTerm) Add("longTerm", "true");
        if (AwaitingMe) Add("awaitingMe", "true");
        Add("sort", sort ?? Sort);
        if (desc ?? Desc) Add("desc", "true");
        // The export takes everything that matches, so its link carries no paging.
        if (handler is null && PageSize != LedgerPage.DefaultPageSize) Add("pageSize", PageSize);
        if (page > 1) Add("page", page);
        return "/Rectifications" + (q.Count > 0 ? "?" + string.Join("&", q) : "");
    }

    public string SortLink(string key) => Query(key, Sort == key || (Sort is null && key == "deadline") ? !Desc : false);

    public string PageLink(int page) => Query(page: page);

    /// <summary>The page numbers the pager shows: the first, the last and two either side of the current one; null marks a gap (…).</summary>
    public IReadOnlyList<int?> PagerNumbers()
    {
        var shown = Enumerable.Range(1, PageCount).Where(n => n == 1 || n == PageCount || Math.Abs(n - PageNumber) <= 2).ToList();
        var numbers = new List<int?>();
        for (var k = 0; k < shown.Count; k++)
        {
            if (k > 0 && shown[k] - shown[k - 1] > 1) numbers.Add(null);
            numbers.Add(shown[k]);
        }
        return numbers;
    }

    public string SortCss(string key) => (Sort ?? "deadline") == key ? (Desc ? "sorted desc" : "sorted") : "";
}
