namespace Workflow.Activities;

/// <summary>The stable role codes used by Identity, the route definition and the API.</summary>
public static class RoleNames
{
    public const string Drafter = "Drafter";
    public const string PartySecretary = "PartySecretary";
    public const string DisciplineInspector = "DisciplineInspector";
    public const string Committee = "Committee";
    /// <summary>系统管理员: units, users' basic data, routes, cycles, calendar (三员分立: never also one of the two below).</summary>
    public const string Admin = "Admin";
    /// <summary>安全保密管理员: assigns roles, unlocks, resets passwords, disables accounts, sets the password policy.</summary>
    public const string SecurityAdmin = "SecurityAdmin";
    /// <summary>安全审计员: reads and exports the security audit log, nothing else.</summary>
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All = [Drafter, PartySecretary, DisciplineInspector, Committee, Admin, SecurityAdmin, Auditor];

    /// <summary>The three administrator roles of 三员分立: no account holds two of them.</summary>
    public static readonly IReadOnlyList<string> Administrators = [Admin, SecurityAdmin, Auditor];

    /// <summary>The roles of the reporting business (起草人, 党组书记, 纪检监察组, 工委): the ones the 系统管理员 gives a new account.</summary>
    public static readonly IReadOnlyList<string> Business = [Drafter, PartySecretary, DisciplineInspector, Committee];

    public static bool IsAdministrator(string role) => Administrators.Contains(role);

    /// <summary>
    /// 三员分立, the one rule for every place that sets roles: an account holds at most one administrator role, and an
    /// administrator role alone (an administrator who also drafted or reviewed reports would read what he administers).
    /// Answers null when the roles may be held together, else the reason in Chinese.
    /// </summary>
    public static string? CheckSeparation(IEnumerable<string> roles)
    {
        var held = roles.Distinct().ToList();
        var administrator = held.Where(IsAdministrator).ToList();
        if (administrator.Count > 1)
            return $"三员分立：同一账号不能同时担任{string.Join("、", administrator.Select(Label))}。";
        if (administrator.Count == 1 && held.Count > 1)
            return $"三员分立：{Label(administrator[0])}账号不能同时担任业务角色（{string.Join("、", held.Where(r => !IsAdministrator(r)).Select(Label))}）。";
        return null;
    }

    /// <summary>Chinese label shown in the UI.</summary>
    public static string Label(string role) => role switch
    {
        Drafter => "起草人",
        PartySecretary => "党组书记",
        DisciplineInspector => "纪检监察组",
        Committee => "市直机关工委",
        Admin => "系统管理员",
        SecurityAdmin => "安全保密管理员",
        Auditor => "安全审计员",
        Reports.ReviewTask.AddedReviewerRole => "加签审核人",
        _ => role,
    };
}
