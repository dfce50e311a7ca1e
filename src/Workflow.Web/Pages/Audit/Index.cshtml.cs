using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Workflow.Host.Security;
using Workflow.Web.Api;

namespace Workflow.Web.Pages.Audit;

/// <summary>The 安全审计员's page: the security audit log newest first, with filters, paging and the .xlsx export of what matches.</summary>
public sealed class IndexModel(AuditLog log, TimeProvider clock) : AppPageModel
{
    public const int PageSize = AuditLog.DefaultPageSize;

    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Account { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Result { get; set; }
    [BindProperty(SupportsGet = true)] public string? Client { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<SecurityAuditEntry> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<SelectListItem> Kinds { get; } =
        Enum.GetValues<SecurityEventKind>().Select(k => new SelectListItem(SecurityEventLabels.Label(k), k.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var refused = await TryAsync(async () =>
        {
            var filter = Filter();
            (Rows, Total) = await log.PageAsync(filter, 1, PageSize, ct);
            // A page past the end shows the last one.
            PageNumber = Math.Clamp(PageNumber, 1, PageCount);
            if (PageNumber > 1) (Rows, Total) = await log.PageAsync(filter, PageNumber, PageSize, ct);
        });
        return refused ?? Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        byte[]? bytes = null;
        var refused = await TryAsync(async () => bytes = await log.ExportAsync(Filter(), ct));
        if (refused is not null) return refused;
        if (bytes is null) return Page();
        return File(bytes, RectificationsApi.XlsxContentType, AuditApi.FileName(clock));
    }

    /// <summary>The query string of the current filters, for the paging and export links.</summary>
    public string Query(int? page = null, string? handler = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("From", From), new("To", To), new("Account", Account), new("Kind", Kind), new("Result", Result), new("Client", Client),
        };
        if (page is { } p) pairs.Add(new("page", p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (handler is not null) pairs.Add(new("handler", handler));
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToString();
    }

    private AuditFilter Filter() => AuditApi.ParseFilter(From, To, Account, Kind, Result, Client);
}
