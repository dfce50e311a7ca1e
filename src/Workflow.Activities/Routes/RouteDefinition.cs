using Workflow.Activities.Reports;

namespace Workflow.Activities.Routes;

/// <summary>A versioned sign-off route. Reports keep the version they were created under.</summary>
public sealed class RouteDefinition
{
    private RouteDefinition() { }

    public RouteDefinition(int version, string name, IReadOnlyList<RouteStep> steps, DateTimeOffset publishedAt)
    {
        if (version < 1) throw new ArgumentOutOfRangeException(nameof(version));
        if (steps.Count == 0) throw new ArgumentException("A route needs at least one step.", nameof(steps));
        if (steps.Any(s => !s.Status.IsReview()))
            throw new ArgumentException("Every step must use a review status.", nameof(steps));
        if (steps.Select(s => s.Status).Distinct().Count() != steps.Count)
            throw new ArgumentException("A status may appear only once in a route.", nameof(steps));
        if (steps.Any(s => s.TimeLimitWorkingDays < 1))
            throw new ArgumentException("Time limits are at least one working day.", nameof(steps));
        Version = version;
        Name = name;
        Steps = steps.ToList();
        PublishedAt = publishedAt;
    }

    public int Version { get; private set; }
    public string Name { get; private set; } = "";
    public List<RouteStep> Steps { get; private set; } = [];
    public DateTimeOffset PublishedAt { get; private set; }

    public RouteStep First => Steps[0];

    public int IndexOf(ReportStatus status) => Steps.FindIndex(s => s.Status == status);

    public RouteStep? StepFor(ReportStatus status) => Steps.FirstOrDefault(s => s.Status == status);

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
        new RouteStep(ReportStatus.SecretaryReview, RoleNames.PartySecretary, "党组书记审核", 3),
        new RouteStep(ReportStatus.DisciplineReview, RoleNames.DisciplineInspector, "纪检监察组审核", 5),
        new RouteStep(ReportStatus.CommitteeReview, RoleNames.Committee, "市直机关工委审核", 5),
    ], publishedAt);
}
