using Workflow.Activities.Messages;
using Workflow.Activities.Reports;
using Workflow.Host.Messages;

namespace Workflow.Web.Api;

/// <summary>/api/messages: my 消息中心 — list, unread count, mark read, and how each kind of message reaches me. Only my own messages.</summary>
public static class MessagesApi
{
    public sealed record MessageDto(long Id, MessageKind Kind, string KindName, string Title, string? Body, string Link, DateTimeOffset CreatedAt,
        bool Read, DateTimeOffset? ReadAt);

    public sealed record MessagePageDto(IReadOnlyList<MessageDto> Items, int Page, int PageSize, int Total, int Unread);

    public sealed record UnreadCountDto(int Unread);

    public sealed record ReadAllDto(int Marked);

    public sealed record PreferenceDto(MessageKind Kind, string KindName, MessageDelivery Delivery, string DeliveryName);

    public sealed record PreferenceChoice(MessageKind Kind, MessageDelivery Delivery);

    public sealed record UpdatePreferencesRequest(IReadOnlyList<PreferenceChoice>? Preferences);

    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/messages").WithTags("Messages");
        group.MapGet("/", async (int? page, int? pageSize, CurrentUser me, UserMessages messages, CancellationToken ct) =>
        {
            var user = await me.GetAsync(ct);
            var result = await messages.ListAsync(user.User.Id, page ?? 1, pageSize ?? UserMessages.DefaultPageSize, ct);
            return TypedResults.Ok(new MessagePageDto(result.Items.Select(ToDto).ToList(), result.Page, result.PageSize, result.Total, result.Unread));
        }).Describe("ListMessages", "我的消息（最新在前，分页）", "当前用户的站内消息，最新的在前；page 从 1 起，pageSize 1–100（默认 20），超过末页时返回末页。")
            .Refuses(StatusCodes.Status400BadRequest);
        group.MapGet("/unread-count", async (CurrentUser me, UserMessages messages, CancellationToken ct) =>
            TypedResults.Ok(new UnreadCountDto(await messages.UnreadCountAsync((await me.GetAsync(ct)).User.Id, ct))))
            .Describe("CountUnreadMessages", "我的未读消息数");
        group.MapPost("/{id:long}/read", async (long id, CurrentUser me, UserMessages messages, CancellationToken ct) =>
            TypedResults.Ok(ToDto(await messages.MarkReadAsync((await me.GetAsync(ct)).User.Id, id, ct))))
            .Describe("MarkMessageRead", "把一条消息标为已读", "只能标记自己的消息；他人的消息与不存在的消息一样答 404。")
            .Refuses(StatusCodes.Status404NotFound);
        group.MapPost("/read-all", async (CurrentUser me, UserMessages messages, CancellationToken ct) =>
            TypedResults.Ok(new ReadAllDto(await messages.MarkAllReadAsync((await me.GetAsync(ct)).User.Id, ct))))
            .Describe("MarkAllMessagesRead", "把我的消息全部标为已读");
        group.MapGet("/preferences", async (CurrentUser me, UserMessages messages, CancellationToken ct) =>
            TypedResults.Ok(await PreferencesAsync(messages, (await me.GetAsync(ct)).User.Id, ct)))
            .Describe("GetMessagePreferences", "各类消息的接收方式", "每类消息：仅站内（InApp）、站内+邮件（InAppAndMail）或每日汇总（Digest）；未设置的类型为站内+邮件。");
        group.MapPut("/preferences", async (UpdatePreferencesRequest? request, CurrentUser me, UserMessages messages, CancellationToken ct) =>
        {
            var userId = (await me.GetAsync(ct)).User.Id;
            if (request?.Preferences is not { Count: > 0 } choices)
                throw new WorkflowRuleException(RuleViolation.Invalid, "message-preferences-missing", "请至少提交一类消息的接收方式。", "preferences");
            if (choices.GroupBy(c => c.Kind).Any(g => g.Count() > 1))
                throw new WorkflowRuleException(RuleViolation.Invalid, "message-preferences-duplicate", "同一类消息只能提交一种接收方式。", "preferences");
            await messages.SetPreferencesAsync(userId, choices.ToDictionary(c => c.Kind, c => c.Delivery), ct);
            return TypedResults.Ok(await PreferencesAsync(messages, userId, ct));
        }).Describe("UpdateMessagePreferences", "修改各类消息的接收方式", "只修改提交的类型，其余不变；返回全部类型的接收方式。")
            .Refuses(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<List<PreferenceDto>> PreferencesAsync(UserMessages messages, string userId, CancellationToken ct) =>
        (await messages.PreferencesAsync(userId, ct)).Select(p => new PreferenceDto(p.Kind, p.Kind.Label(), p.Delivery, p.Delivery.Label())).ToList();

    private static MessageDto ToDto(UserMessage m) =>
        new(m.Id, m.Kind, m.Kind.Label(), m.Title, m.Body, m.Link, m.CreatedAt, m.IsRead, m.ReadAt);
}
