using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;

namespace Workflow.Activities.Tests;

/// <summary>One actor per role and a helper to make a fresh draft.</summary>
internal static class TestActors
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);
    public static readonly RouteDefinition V1 = RouteDefinition.StandardV1(T0);

    public static readonly Actor Drafter = Make("d1", RoleNames.Drafter);
    public static readonly Actor Secretary = Make("s1", RoleNames.PartySecretary);
    public static readonly Actor Inspector = Make("i1", RoleNames.DisciplineInspector);
    public static readonly Actor Committee = Make("c1", RoleNames.Committee);
    public static readonly Actor Admin = Make("a1", RoleNames.Admin);

    public static Actor Make(string id, params string[] roles) => new(id, id, roles.ToHashSet());

    public static Report Draft(RouteDefinition? route = null) =>
        Report.Create(Guid.NewGuid(), 2025, "2025年度报告", "一、工作情况\n二、存在的问题\n一是……", route ?? V1, Drafter, T0);

    public static Actor ReviewerOf(ReportStatus status) => status switch
    {
        ReportStatus.SecretaryReview => Secretary,
        ReportStatus.DisciplineReview => Inspector,
        ReportStatus.CommitteeReview => Committee,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
