using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Host.Phrases;

namespace Workflow.Web.Api;

/// <summary>/api/account/phrases: my 常用语, saved opinions to pick into approve and return comments, with the defaults after them.</summary>
public static class PhrasesApi
{
    /// <summary>A phrase as offered: id null and isDefault true for a default everyone is offered (it cannot be deleted).</summary>
    public sealed record PhraseDto(Guid? Id, string Text, bool IsDefault);

    /// <summary>Text: at most 200 characters, not one I saved already.</summary>
    public sealed record AddPhraseRequest(string? Text);

    /// <summary>Ids: every one of my phrases once, in the new order.</summary>
    public sealed record PhraseOrderRequest(IReadOnlyList<Guid>? Ids);

    public static RouteGroupBuilder MapPhrasesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/account/phrases").WithTags("Account");
        group.MapGet("/", async (CurrentUser me, PhraseBook phrases, CancellationToken ct) =>
            TypedResults.Ok(ToDtos(await phrases.OfferedAsync(await me.GetAsync(ct), ct))))
            .Describe("ListPhrases", "我的常用语", "我保存的常用语（按我的顺序），其后是系统提供的默认常用语（isDefault，未被我保存过的）；审核、退回时可选用。");
        group.MapPost("/", async (AddPhraseRequest? request, CurrentUser me, PhraseBook phrases, CancellationToken ct) =>
        {
            var saved = await phrases.AddAsync(await me.GetAsync(ct), request?.Text, ct);
            return TypedResults.Created($"/api/account/phrases/{saved.Id}", new PhraseDto(saved.Id, saved.Text, false));
        }).Describe("AddPhrase", "保存常用语", "保存一条常用语（不超过200个字符，不与已有的重复），排在最后；每人最多20条，超过时 409 phrases-too-many。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", async (Guid id, CurrentUser me, PhraseBook phrases, CancellationToken ct) =>
        {
            await phrases.DeleteAsync(await me.GetAsync(ct), id, ct);
            return TypedResults.NoContent();
        }).Describe("DeletePhrase", "删除常用语", "删除我的一条常用语；不存在或属于他人时 404。")
            .Refuses(StatusCodes.Status404NotFound);
        group.MapPut("/order", async (PhraseOrderRequest? request, CurrentUser me, PhraseBook phrases, CancellationToken ct) =>
            TypedResults.Ok(ToDtos(await phrases.ReorderAsync(await me.GetAsync(ct), request?.Ids, ct))))
            .Describe("OrderPhrases", "调整常用语顺序", "按 ids 的顺序排列我的常用语（须列出每一条，各一次），答复排列后的全部常用语。")
            .Refuses(StatusCodes.Status400BadRequest);
        return api;
    }

    private static List<PhraseDto> ToDtos(IEnumerable<OfferedPhrase> phrases) => phrases.Select(p => new PhraseDto(p.Id, p.Text, p.IsDefault)).ToList();
}
