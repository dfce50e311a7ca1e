using Workflow.Host.Rectification;

namespace Workflow.Web.Pages.Rectifications;

/// <summary>Close-out figures per unit with a bar chart drawn on the server as SVG.</summary>
public sealed class SummaryModel(CurrentUser me, RectificationLedger service) : AppPageModel
{
    public List<UnitSummary> Units { get; private set; } = [];

    public int Total => Units.Sum(u => u.Total);
    public int Closed => Units.Sum(u => u.Closed);
    public int Overdue => Units.Sum(u => u.Overdue);
    public int Rework => Units.Sum(u => u.Rework);
    public double Rate => Total == 0 ? 0 : Math.Round(100.0 * Closed / Total, 1);

    public async Task OnGetAsync(CancellationToken ct) => Units = await service.SummaryAsync(await me.GetAsync(ct), ct);

    /// <summary>Layout of the chart: one row per unit, bars scaled to the largest total.</summary>
    public const int LabelWidth = 150, BarArea = 520, RowHeight = 46, Top = 30;

    public double Scale => BarArea / (double)Math.Max(1, Units.Count == 0 ? 1 : Units.Max(u => u.Total));
}
