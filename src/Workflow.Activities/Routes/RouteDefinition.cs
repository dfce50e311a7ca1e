using Workflow.Activities.Reports;

namespace Workflow.Activities.Routes;

/// <summary>A versioned sign-off route. Reports keep the version they were created under.</summary>
public sealed class RouteDefinition
{
    private RouteDefinition() { }

    /// <summary>The most review steps a route may have.</summary>
    public const int MaxSteps = 10;

    public RouteDefinition(int version, string name, IReadOnlyList<RouteStep> steps, DateTimeOffset publishedAt,
        IReadOnlyCollection<Guid>? appliesTo = null)
    {
        if (version < 1) throw new ArgumentOutOfRangeException(nameof(version));
        if (steps.Count == 0) throw new ArgumentException("A route needs at least one step.", nameof(steps));
        if (steps.Count > MaxSteps) throw new ArgumentException($"A route has at most {MaxSteps} steps.", nameof(steps));
        if (steps.Any(s => !ReportStatus.IsStepKey(s.Key)))
            throw new ArgumentException("Every step must use a review status.", nameof(steps));
        if (steps.Select(s => s.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count() != steps.Count)
            throw new ArgumentException("A status may appear only once in a route.", nameof(steps));
        if (steps.Any(s => s.TimeLimitWorkingDays < 1))
            throw new ArgumentException("Time limits are at least one working day.", nameof(steps));
        Version = version;
        Name = name;
        Steps = steps.ToList();
        PublishedAt = publishedAt;
        AppliesTo = appliesTo?.Distinct().ToList() ?? [];
    }

    public int Version { get; private set; }
    public string Name { get; private set; } = "";
    public List<RouteStep> Steps { get; private set; } = [];
    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>The agencies whose new reports take this version; empty means every agency.</summary>
    public List<Guid> AppliesTo { get; private set; } = [];

    /// <summary>Whether a new report of <paramref name="agencyId"/> may start on this version.</summary>
    public bool AppliesToUnit(Guid agencyId) => AppliesTo.Count == 0 || AppliesTo.Contains(agencyId);

    public RouteStep First => Steps[0];

    public int IndexOf(ReportStatus status) => Steps.FindIndex(s => s.Status == status);

    public RouteStep? StepFor(ReportStatus status) => Steps.FirstOrDefault(s => s.Status == status);

    /// <summary>The newest of <paramref name="versions"/> that applies to <paramref name="agencyId"/>: where its new report starts.</summary>
    public static RouteDefinition? LatestFor(IEnumerable<RouteDefinition> versions, Guid agencyId) =>
        versions.Where(v => v.AppliesToUnit(agencyId)).MaxBy(v => v.Version);

    /// <summary>The steps where one of <paramref name="actor"/>'s roles decides, in route order.</summary>
    public IReadOnlyList<RouteStep> StepsDecidedBy(Actor actor) => Steps.Where(s => actor.IsIn(s.Role)).ToList();

    /// <summary>Where an approval at <paramref name="status"/> leads.</summary>
    public ReportStatus After(ReportStatus status)
    {
        var index = IndexOf(status);
        return index < 0 || index == Steps.Count - 1 ? ReportStatus.Approved : Steps[index + 1].Status;
    }

    /// <summary>Version 1: secretary, discipline inspection team, supervising committee.</summary>
    public static RouteDefinition StandardV1(DateTimeOffset publishedAt) => new(1, "全面从严治党主体责任报告审核流程", [
        new RouteStep(nameof(ReportStatus.SecretaryReview), "党组书记审核", StepDecider.OwnUnit(RoleNames.PartySecretary), 3),
        new RouteStep(nameof(ReportStatus.DisciplineReview), "纪检监察组审核", StepDecider.InspectionTeam(), 5),
        new RouteStep(nameof(ReportStatus.CommitteeReview), "市直机关工委审核", StepDecider.Supervisor(), 5, ChecksGate: true),
    ], publishedAt);
}
