using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Rectification;
using Workflow.Host.Rectification;

namespace Workflow.Web.Pages.Rectifications;

/// <summary>The ledger (整改台账): one unit's items, or every covered unit's for the discipline team and the committee.</summary>
public sealed class IndexModel(CurrentUser me, RectificationService service) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public RectificationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public RectificationSource? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Owner { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool LongTerm { get; set; }
    [BindProperty(SupportsGet = true)] public bool AwaitingMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    public List<LedgerRow> Rows { get; private set; } = [];
    public List<(Guid Id, string Name)> Units { get; private set; } = [];
    public List<(string Id, string Name)> Owners { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public bool ManyUnits => Units.Count > 1;

    private LedgerFilter Filter => new(Unit, Status, Source, string.IsNullOrEmpty(Owner) ? null : Owner, Overdue ? true : null,
        LongTerm ? true : null, Sort, Desc, AwaitingMe: AwaitingMe);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Units = await service.UnitsAsync(user, ct);
        var all = await service.LedgerAsync(user, new LedgerFilter(), ct);
        Owners = all.Where(r => r.OwnerId != null).Select(r => (r.OwnerId!, r.OwnerName ?? "")).Distinct().OrderBy(o => o.Item2).ToList();
        Rows = await service.LedgerAsync(user, Filter, ct);
        CanCreate = RectificationService.MayCreate(user);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var bytes = await service.ExportAsync(await me.GetAsync(ct), Filter, ct);
        return File(bytes, Api.RectificationsApi.XlsxContentType, $"整改台账-{service.Today:yyyyMMdd}.xlsx");
    }

    /// <summary>The current filters as a query string, with some values replaced.</summary>
    public string Query(string? sort = null, bool? desc = null, string? handler = null)
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
        return "/Rectifications" + (q.Count > 0 ? "?" + string.Join("&", q) : "");
    }

    public string SortLink(string key) => Query(key, Sort == key || (Sort is null && key == "deadline") ? !Desc : false);

    public string SortCss(string key) => (Sort ?? "deadline") == key ? (Desc ? "sorted desc" : "sorted") : "";
}
