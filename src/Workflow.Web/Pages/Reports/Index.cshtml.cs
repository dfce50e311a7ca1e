using Microsoft.AspNetCore.Mvc;
using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>
/// 我的报告 / 全部报告: every report of the units I cover, filtered by year, unit, status and overdue, searched over title and
/// text, sorted and paged; the filters live in the query string, so a link shares the view.
/// </summary>
public sealed class IndexModel(CurrentUser me, ReportService reports, ReportFinder finder) : AppPageModel
{
    /// <summary>The search over title and text.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true)] public ReportStatus? Status { get; set; }

    /// <summary>The statuses the filter offers: the fixed states and the standard route's steps.</summary>
    public IReadOnlyList<ReportStatus> StatusChoices => ReportStatus.Standard;

    /// <summary>The year shown, and the year whose approved reports' 审批单 are downloaded together.</summary>
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }

    /// <summary>true: only reports whose step is past its deadline; false: the others; null: all.</summary>
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }

    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    public ReportListPage? Found { get; private set; }

    public IReadOnlyList<ReportListRow> Rows => Found?.Rows ?? [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Units { get; private set; } = [];

    public bool ManyUnits => Units.Count > 1;

    public bool Filtered => Q is not null || Status is not null || Year is not null || Unit is not null || Overdue is not null;

    public string Heading => User.IsInRole(RoleNames.Drafter) ? "我的报告" : "全部报告";

    /// <summary>Years with an approved report the user sees, newest first: what the 审批单 download offers.</summary>
    public IReadOnlyList<int> ApprovedYears { get; private set; } = [];

    public static readonly IReadOnlyList<(string Value, string Label)> SortOptions =
    [
        ("year", "年度（新的在前）"), ("unit", "单位"), ("updated", "最近更新"), ("status", "流程环节（等待久的在前）"), ("relevance", "相关度（标题匹配在前）"),
    ];

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct) => await LoadAsync(page, ct);

    /// <summary>One PDF with the 审批单 of every approved report of <see cref="Year"/> in the units I see.</summary>
    public async Task<IActionResult> OnGetApprovalSheetsAsync(CancellationToken ct)
    {
        PdfFile? file = null;
        if (Year is null) ModelState.AddModelError(nameof(Year), "请选择年度。");
        else await TryAsync(async () => file = await reports.ApprovalSheetsAsync(await me.GetAsync(ct), Year.Value, ct));
        if (file is not null) return File(file.Content, Workflow.Host.Documents.ApprovalSheetPdf.ContentType, file.FileName);
        // A refusal without a field (no font on the server) is shown beside the year too: it is the only input here.
        MoveErrors("", nameof(Year));
        await LoadAsync(null, ct);
        return Page();
    }

    /// <summary>This view's query string with another page (and the handler, for the 审批单 form).</summary>
    public string PageLink(int page)
    {
        var q = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text) q.Add($"{key}={Uri.EscapeDataString(text)}");
        }
        Add("q", Found?.Text);
        Add("year", Year);
        Add("unit", Unit);
        Add("status", Status);
        Add("overdue", Overdue?.ToString().ToLowerInvariant());
        Add("sort", Sort);
        if (page > 1) Add("page", page);
        return "/Reports" + (q.Count == 0 ? "" : "?" + string.Join("&", q));
    }

    private async Task LoadAsync(int? page, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Years = await finder.YearsAsync(user, ct);
        Units = await finder.UnitsAsync(user, ct);
        ApprovedYears = await finder.ApprovedYearsAsync(user, ct);
        var query = new ReportQuery(Q, Year, Unit, Status, Overdue, Sort, Math.Max(1, page ?? 1), LastPageWhenPast: true);
        await TryAsync(async () => Found = await finder.FindAsync(user, query, ct));
        // A sort the page does not offer (an edited link): say so beside the sort, and show the list in its usual order.
        if (Found is null) Found = await finder.FindAsync(user, query with { Sort = null }, ct);
    }
}
