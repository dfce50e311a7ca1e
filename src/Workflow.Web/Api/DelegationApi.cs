using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Activities.Delegations;
using Workflow.Host.Delegations;

namespace Workflow.Web.Api;

/// <summary>/api/account/delegation: my 委托 (a delegate decides my pending report steps "代 我 审核" for a range of China days).</summary>
public static class DelegationApi
{
    /// <summary>A delegation: who stands in for whom, the China days From–To (inclusive), and whether it runs today.</summary>
    public sealed record DelegationDto(Guid Id, string DelegatorId, string DelegatorName, string DelegateId, string DelegateName, DateOnly From,
        DateOnly To, bool Active, DateTimeOffset CreatedAt);

    /// <summary>A colleague I may name as delegate.</summary>
    public sealed record DelegateCandidateDto(string Id, string Name);

    /// <summary>My running or planned delegation (null: none), whom I may name, and the delegations in which I stand in for others.</summary>
    public sealed record DelegationStateDto(DelegationDto? Current, IReadOnlyList<DelegateCandidateDto> Candidates,
        IReadOnlyList<DelegationDto> StandingInFor);

    /// <summary>DelegateId: a candidate's id; From and To: China days (yyyy-MM-dd), From not before today, at most one year.</summary>
    public sealed record SetDelegationRequest(string? DelegateId, DateOnly? From, DateOnly? To);

    public static RouteGroupBuilder MapDelegationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/account/delegation").WithTags("Account");
        group.MapGet("/", async (CurrentUser me, DelegationService delegations, TimeProvider clock, CancellationToken ct) =>
        {
            var user = await me.GetAsync(ct);
            var today = Workflow.Activities.Calendar.ChinaTime.Today(clock);
            var current = await delegations.MineAsync(user, ct);
            var candidates = await delegations.CandidatesAsync(user, ct);
            var forMe = await delegations.ForMeAsync(user, ct);
            return TypedResults.Ok(new DelegationStateDto(current is null ? null : ToDto(current, today),
                candidates.Select(c => new DelegateCandidateDto(c.Id, c.Name)).ToList(), forMe.Select(d => ToDto(d, today)).ToList()));
        }).Describe("GetDelegation", "我的委托代审", "我正在生效或尚未开始的委托（没有时为 null）、可选的代审人（在用的、担任我相同审核角色的人员），以及我正代谁审核。");
        group.MapPut("/", async (SetDelegationRequest? request, CurrentUser me, DelegationService delegations, TimeProvider clock,
            CancellationToken ct) =>
        {
            var user = await me.GetAsync(ct);
            var set = await delegations.SetAsync(user, request?.DelegateId, request?.From, request?.To, ct);
            return TypedResults.Ok(ToDto(set, Workflow.Activities.Calendar.ChinaTime.Today(clock)));
        }).Describe("SetDelegation", "设置委托代审",
                "审核人（党组书记、纪检监察组、市直机关工委）在外出期间指定一名担任相同审核角色的同事代为审核：按北京时间的日期，开始日期不早于今天、不晚于结束日期，最长一年；" +
                "已有委托时替换之。期间我待审核的报告也出现在代审人的待办中，由其“代 我 审核”；到期自动结束。")
            .Refuses(StatusCodes.Status400BadRequest);
        group.MapDelete("/", async (CurrentUser me, DelegationService delegations, CancellationToken ct) =>
        {
            await delegations.EndAsync(await me.GetAsync(ct), ct);
            return TypedResults.NoContent();
        }).Describe("EndDelegation", "提前结束委托代审", "结束我正在生效或尚未开始的委托；没有委托时 404。")
            .Refuses(StatusCodes.Status404NotFound);
        return api;
    }

    private static DelegationDto ToDto(Delegation d, DateOnly today) =>
        new(d.Id, d.DelegatorId, d.DelegatorName, d.DelegateId, d.DelegateName, d.From, d.To, d.IsActiveOn(today), d.CreatedAt);
}
