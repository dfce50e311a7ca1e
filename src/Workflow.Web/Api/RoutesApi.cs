using Workflow.Activities.Routes;
using Workflow.Host.Routes;

namespace Workflow.Web.Api;

/// <summary>/api/routes: the published route versions and the route draft of 流程设计 (系统管理员 only).</summary>
public static class RoutesApi
{
    /// <summary>
    /// One review step. deciderKind: OwnUnit (role in the report's own unit), InspectionTeam (its stationed team), Supervisor
    /// (its supervising committee), NamedUnit (role in unitId). mode: Single (one holder decides), All (会签: every holder must
    /// approve, any return returns), Any (或签: the first decision closes the step).
    /// </summary>
    public sealed record RouteStepDto(string Key, string Name, DeciderKind DeciderKind, string Role, Guid? UnitId, int TimeLimitWorkingDays,
        bool ChecksGate, string DeciderName, StepMode Mode);

    /// <summary>A published version; appliesTo empty means every agency.</summary>
    public sealed record RouteVersionDto(int Version, string Name, DateTimeOffset PublishedAt, IReadOnlyList<Guid> AppliesTo,
        IReadOnlyList<RouteStepDto> Steps);

    public sealed record RouteDraftDto(int BasedOnVersion, string Name, IReadOnlyList<Guid> AppliesTo, IReadOnlyList<RouteStepDto> Steps,
        DateTimeOffset UpdatedAt);

    /// <summary>One step of a draft; mode defaults to Single.</summary>
    public sealed record RouteStepInput(string? Key, string? Name, DeciderKind DeciderKind, string? Role, Guid? UnitId, int TimeLimitWorkingDays,
        bool ChecksGate, StepMode? Mode = null);

    public sealed record RouteDraftInput(string? Name, IReadOnlyList<RouteStepInput>? Steps, IReadOnlyList<Guid>? AppliesTo);

    /// <summary>step: 0-based index of the step, null for the route; unitsWithoutDecider: the agencies nobody could decide it for.</summary>
    public sealed record RouteProblemDto(int? Step, string Field, string Message, IReadOnlyList<string> UnitsWithoutDecider);

    public sealed record RouteValidationDto(bool Valid, IReadOnlyList<RouteProblemDto> Problems);

    public static RouteGroupBuilder MapRoutesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/routes").WithTags("Admin").RequireAuthorization(WebExtensions.AdminPolicy);
        group.MapGet("", async (RouteService routes, CancellationToken ct) =>
                TypedResults.Ok((await routes.ListAsync(ct)).Select(ToDto).ToList()))
            .Describe("ListRouteVersions", "列出审核流程的全部版本", "已发布的全部版本，旧的在前；appliesTo 为空表示适用于全部报告单位。");
        group.MapGet("/draft", async (RouteDesigner designer, CancellationToken ct) => TypedResults.Ok(ToDto(await designer.DraftAsync(ct))))
            .Describe("GetRouteDraft", "读取流程草稿", "尚未保存草稿时返回最新版本的副本。");
        group.MapPut("/draft", async (RouteDraftInput input, RouteDesigner designer, CancellationToken ct) =>
                TypedResults.Ok(ToDto(await designer.SaveAsync(input.Name ?? "", (input.Steps ?? []).Select(ToStep).ToList(), input.AppliesTo, ct))))
            .Describe("SaveRouteDraft", "保存流程草稿", "保存整个草稿（名称、环节、适用单位）；内容在校验和发布时检查。")
            .Refuses(StatusCodes.Status400BadRequest);
        group.MapPost("/draft/validate", async (RouteDesigner designer, CancellationToken ct) =>
            {
                var problems = await designer.ValidateAsync(await designer.DraftAsync(ct), ct);
                return TypedResults.Ok(new RouteValidationDto(problems.Count == 0,
                    problems.Select(p => new RouteProblemDto(p.Step, p.Field, p.Message, p.UnitsWithoutDecider)).ToList()));
            })
            .Describe("ValidateRouteDraft", "校验流程草稿", "环节数1至10、标识唯一有效、每个环节对每个适用单位都有可审核的在用账号；列出无人审核的单位。");
        group.MapPost("/draft/publish", async (RouteDesigner designer, CancellationToken ct) => TypedResults.Ok(ToDto(await designer.PublishAsync(ct))))
            .Describe("PublishRouteDraft", "发布流程草稿", "草稿校验通过后发布为下一版本；新建报告使用适用于本单位的最新版本，已创建的报告保持原版本。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        group.MapDelete("/draft", async (RouteDesigner designer, CancellationToken ct) =>
            {
                await designer.DiscardAsync(ct);
                return TypedResults.NoContent();
            })
            .Describe("DiscardRouteDraft", "放弃流程草稿");
        return api;
    }

    public static RouteStep ToStep(RouteStepInput s) =>
        new((s.Key ?? "").Trim(), (s.Name ?? "").Trim(), new StepDecider(s.DeciderKind, (s.Role ?? "").Trim(),
            s.DeciderKind == DeciderKind.NamedUnit ? s.UnitId : null), s.TimeLimitWorkingDays, s.ChecksGate, s.Mode ?? StepMode.Single);

    private static RouteStepDto ToDto(RouteStep s) =>
        new(s.Key, s.Name, s.Decider.Kind, s.Role, s.Decider.UnitId, s.TimeLimitWorkingDays, s.ChecksGate, s.Decider.Label(), s.Mode);

    private static RouteVersionDto ToDto(RouteDefinition r) => new(r.Version, r.Name, r.PublishedAt, r.AppliesTo, r.Steps.Select(ToDto).ToList());

    private static RouteDraftDto ToDto(RouteDraft d) => new(d.BasedOnVersion, d.Name, d.AppliesTo, d.Steps.Select(ToDto).ToList(), d.UpdatedAt);
}
