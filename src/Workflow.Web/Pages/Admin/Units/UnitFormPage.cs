using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Workflow.Activities.Organization;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Units;

/// <summary>What creating and editing a unit share: the form and the committees and teams an agency can report to.</summary>
public abstract class UnitFormPage(AdminService admin) : AppPageModel
{
    /// <summary>The unit form as posted.</summary>
    public sealed class UnitForm
    {
        public string? Name { get; set; }
        public string? Code { get; set; }
        public UnitKind? Kind { get; set; }
        public Guid? SupervisorId { get; set; }
        public Guid? InspectionTeamId { get; set; }

        public UnitInput ToInput() => new(Name, Code, Kind, SupervisorId, InspectionTeamId);
    }

    [BindProperty]
    public UnitForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Kinds { get; } =
        Enum.GetValues<UnitKind>().Select(k => new SelectListItem(Unit.KindLabel(k), k.ToString())).ToList();

    public IReadOnlyList<SelectListItem> Committees { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    protected AdminService Admin => admin;

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        var units = await admin.ListUnitsAsync(ct);
        Committees = Choices(units, UnitKind.Committee);
        Teams = Choices(units, UnitKind.InspectionTeam);
    }

    private static List<SelectListItem> Choices(IEnumerable<UnitRow> units, UnitKind kind) =>
        units.Where(u => u.Kind == kind).Select(u => new SelectListItem($"{u.Name}（{u.Code}）", u.Id.ToString())).ToList();
}
