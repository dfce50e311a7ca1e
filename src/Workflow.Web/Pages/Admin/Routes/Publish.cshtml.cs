using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Routes;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Routes;

/// <summary>The admin publishes a new route version: the latest steps with edited time limits in working days.</summary>
public sealed class PublishModel(AdminService admin) : AppPageModel
{
    /// <summary>The version the form was filled from and one time limit per step, as typed.</summary>
    public sealed class PublishForm
    {
        public int? BasedOnVersion { get; set; }
        public List<string?> TimeLimits { get; set; } = [];
    }

    [BindProperty]
    public PublishForm Input { get; set; } = new();

    public RouteDefinition Latest { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Latest = await admin.LatestRouteAsync(ct);
        Input = new PublishForm
        {
            BasedOnVersion = Latest.Version,
            TimeLimits = Latest.Steps.Select(s => (string?)s.TimeLimitWorkingDays.ToString()).ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Latest = await admin.LatestRouteAsync(ct);
        var limits = Input.TimeLimits.Select(t => int.TryParse(t?.Trim(), out var days) ? days : (int?)null).ToList();
        if (!ModelState.IsValid || !ModelState.Accept(await admin.PublishRouteVersionAsync(Input.BasedOnVersion ?? 0, limits, ct)))
            return Page();
        Flash($"已发布流程版本 v{Input.BasedOnVersion + 1}。新建的报告将使用该版本，已创建的报告保持原版本。");
        return Redirect("/Admin/Routes");
    }
}
