using Workflow.Activities;
using Workflow.Activities.Messages;
using Workflow.Activities.Reports;
using Workflow.Host.Identity;
using Workflow.Host.Messages;

namespace Workflow.Host.Reports;

/// <summary>Tells the drafters of a report's unit that it was returned (with the comment) or finally approved, with the decision.</summary>
public sealed class ReportMessages(CurrentDirectory directory, Reminders.RecipientsCache people, Data.AppDbContext db, UserMessages messages,
    IAppLinks links)
{
    /// <summary>Called after a reviewer's decision, before it is saved; an approval that only moves the report on says nothing.</summary>
    public async Task DecidedAsync(Report report, CancellationToken ct)
    {
        if ((report.Status != ReportStatus.Returned && report.Status != ReportStatus.Approved) || report.Journal.Count == 0) return;
        var entry = report.Journal[^1];
        var unit = await directory.UnitNameAsync(report.UnitId, ct);
        var returned = report.Status == ReportStatus.Returned;
        var title = returned
            ? $"{unit}{report.Year}年度主体责任报告被{RoleNames.Label(entry.ActorRole)}退回（{entry.ActorShown}）"
            : $"{unit}{report.Year}年度主体责任报告已审核通过";
        var body = string.IsNullOrWhiteSpace(entry.Comment) ? null : (returned ? "退回意见：" : "审核意见：") + entry.Comment;
        // The drafters come with their names and addresses from the node's directory of this request's stamp (an account's change
        // moves the stamp), so their accounts are not read again.
        var drafters = (await people.ForAsync(directory, db, ct)).Covering(report.UnitId, RoleNames.Drafter);
        await messages.PostAsync(drafters.Select(d => new MessageAddressee(d.UserId, d.Name, d.Email)),
            userId => new MessageDraft($"report:{report.Id}:{entry.Sequence}:{userId}", MessageKind.ReportDecided, title, body, links.Report(report.Id)),
            ct);
    }
}
