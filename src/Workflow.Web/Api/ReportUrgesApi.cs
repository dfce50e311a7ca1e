using Workflow.Activities.Cycles;
using Workflow.Host.Cycles;

namespace Workflow.Web.Api;

/// <summary>/api/reports/{id}/urge and /urges: 催办 from the report itself, and its 催办记录.</summary>
public static class ReportUrgesApi
{
    /// <summary>A 催办: the step urged, the China day, who was urged (names), how many mails went out, by whom, when.</summary>
    public sealed record ReportUrgeDto(Guid ReportId, string Step, DateOnly Day, string Recipients, string UrgedBy, DateTimeOffset At);

    /// <summary>A 催办 just sent, with the number of mails written to the outbox.</summary>
    public sealed record ReportUrgedDto(Guid ReportId, string Step, DateOnly Day, string Recipients, string UrgedBy, DateTimeOffset At, int Mails);

    public static RouteGroupBuilder MapReportUrgesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports");
        group.MapPost("/{id:guid}/urge", async (Guid id, CurrentUser me, ReportUrges urges, CancellationToken ct) =>
        {
            var done = await urges.UrgeAsync(await me.GetAsync(ct), id, ct);
            var u = done.Urge;
            return TypedResults.Ok(new ReportUrgedDto(id, u.Step, u.Day, u.Recipients, u.ByName, u.At, done.Mails));
        }).Describe("UrgeReport", "催办报告",
                "本单位起草人、派驻纪检监察组或市直机关工委向报告当前审核环节的审核人各发送一封【催办】邮件和一条站内消息；" +
                "同一报告同一环节每天（北京时间）只催办一次，与报送情况页的催办共用此限制（409 already-urged，title 写明今天由谁催办）。" +
                "报告正等待本人审核时 403 urge-own-step；不在审核环节（如已通过）时 409 urge-not-waiting。不写入审核记录。")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/urges", async (Guid id, CurrentUser me, ReportUrges urges, CancellationToken ct) =>
            TypedResults.Ok((await urges.HistoryAsync(await me.GetAsync(ct), id, ct)).Select(ToDto).ToList()))
            .Describe("ListReportUrges", "报告的催办记录", "谁在何时向谁催办，最新的在前（含报送情况页发出的催办）。")
            .Refuses(StatusCodes.Status404NotFound);
        return api;
    }

    private static ReportUrgeDto ToDto(CycleUrge u) => new(u.ReportId!.Value, u.Step, u.Day, u.Recipients, u.ByName, u.At);
}
