namespace Workflow.Activities;

/// <summary>The stable role codes used by Identity, the route definition and the API.</summary>
public static class RoleNames
{
    public const string Drafter = "Drafter";
    public const string PartySecretary = "PartySecretary";
    public const string DisciplineInspector = "DisciplineInspector";
    public const string Committee = "Committee";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Drafter, PartySecretary, DisciplineInspector, Committee, Admin];

    /// <summary>Chinese label shown in the UI.</summary>
    public static string Label(string role) => role switch
    {
        Drafter => "起草人",
        PartySecretary => "党组书记",
        DisciplineInspector => "纪检监察组",
        Committee => "市直机关工委",
        Admin => "系统管理员",
        _ => role,
    };
}
