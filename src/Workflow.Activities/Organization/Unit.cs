namespace Workflow.Activities.Organization;

/// <summary>What kind of body a unit is; decides whose reports its members cover.</summary>
public enum UnitKind
{
    /// <summary>A government body whose party group writes a report (单位).</summary>
    Agency,

    /// <summary>A resident discipline inspection team (派驻纪检监察组) covering several agencies.</summary>
    InspectionTeam,

    /// <summary>A supervising committee (e.g. 市直机关工委) covering the agencies under it.</summary>
    Committee,
}

/// <summary>A unit (单位) of the organisation: an agency, an inspection team or a committee.</summary>
public sealed class Unit
{
    private Unit() { }

    public Unit(Guid id, string name, string code, UnitKind kind, Guid? supervisorId = null, Guid? inspectionTeamId = null)
    {
        Id = id;
        Rename(name, code);
        Kind = kind;
        Assign(supervisorId, inspectionTeamId);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Short code used as a prefix (e.g. KX).</summary>
    public string Code { get; private set; } = "";
    public UnitKind Kind { get; private set; }

    /// <summary>The committee that gives the final sign-off for this agency.</summary>
    public Guid? SupervisorId { get; private set; }

    /// <summary>The discipline inspection team that covers this agency.</summary>
    public Guid? InspectionTeamId { get; private set; }

    public void Rename(string name, string code)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("name") : name.Trim();
        Code = string.IsNullOrWhiteSpace(code) ? throw new ArgumentException("code") : code.Trim().ToUpperInvariant();
    }

    public void Assign(Guid? supervisorId, Guid? inspectionTeamId)
    {
        SupervisorId = supervisorId;
        InspectionTeamId = inspectionTeamId;
    }

    /// <summary>Only agencies report to a committee and a team; the caller checks that nothing depends on the old kind.</summary>
    public void ChangeKind(UnitKind kind)
    {
        Kind = kind;
        if (kind != UnitKind.Agency) Assign(null, null);
    }

    /// <summary>
    /// The kind as users say it. The committee kind is the Party working committee of the organs (市直机关工委, 县直机关工委):
    /// "机关工委", never the abstract "监督委员会" (which the import still accepts, see <see cref="KindAliases"/>).
    /// </summary>
    public static string KindLabel(UnitKind kind) => kind switch
    {
        UnitKind.Agency => "报告单位",
        UnitKind.InspectionTeam => "纪检监察组",
        UnitKind.Committee => "机关工委",
        _ => kind.ToString(),
    };

    /// <summary>Other words for a kind that sheets written for earlier versions use: 监督委员会, 工委.</summary>
    public static UnitKind? KindAliases(string text) => text is "监督委员会" or "工委" ? UnitKind.Committee : null;
}
