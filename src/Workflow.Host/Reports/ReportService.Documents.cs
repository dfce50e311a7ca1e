using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Checks;
using Workflow.Activities.Reports.Diff;
using Workflow.Host.Documents;
using Workflow.Host.Identity;

namespace Workflow.Host.Reports;

/// <summary>A generated Word file.</summary>
public sealed record WordFile(string FileName, byte[] Content);

/// <summary>Checks, revision diffs and Word files of reports, with the same unit scoping as the rest of the service.</summary>
public sealed partial class ReportService
{
    // The configured severities: the findings shown and the checks guard of the committee step judge by the same ones.
    private CheckSettings CheckSettings => checks.Value.ToSettings();

    /// <summary>The pre-submit findings on the report's latest text under the configured severities; computed once per text, never stored.</summary>
    public IReadOnlyList<CheckFinding> FindingsOf(Report report, CancellationToken ct = default) => checkMemo.FindingsOf(report, CheckSettings, ct);

    /// <summary>The pre-submit findings on the latest text of report <paramref name="id"/>.</summary>
    public async Task<IReadOnlyList<CheckFinding>> ChecksAsync(UserContext user, Guid id, CancellationToken ct = default) =>
        FindingsOf(await GetAsync(user, id, ct), ct);

    /// <summary>The diff of two revisions; bounded in time, and it stops when <paramref name="ct"/> is cancelled.</summary>
    public async Task<RevisionDiff> DiffAsync(UserContext user, Guid id, int from, int to, CancellationToken ct = default)
    {
        var old = await RevisionAsync(user, id, from, ct);
        var @new = await RevisionAsync(user, id, to, ct);
        return RevisionDiff.Between(old, @new, ct);
    }

    /// <summary>The revision the report had when it was last returned, if it has been changed since.</summary>
    public async Task<int?> RevisionAtLastReturnAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        var report = await GetAsync(user, id, ct);
        var returned = await db.ReportJournal.AsNoTracking()
            .Where(j => j.ReportId == id && j.Action == ReportAction.Returned)
            .OrderByDescending(j => j.Sequence).Select(j => (int?)j.Revision).FirstOrDefaultAsync(ct);
        return returned is { } r && r < report.Revision ? r : null;
    }

    public async Task<WordFile> ExportAsync(UserContext user, Guid id, int? revision, CancellationToken ct = default)
    {
        var report = await GetAsync(user, id, ct);
        var text = revision is { } n ? await RevisionAsync(user, id, n, ct) : null;
        var title = text?.Title ?? report.Title;
        var bytes = ReportDocx.Export(new ReportText(title, text?.Body ?? report.Body));
        return new WordFile($"{FileNameOf(title)}（第{revision ?? report.Revision}版）.docx", bytes);
    }

    /// <summary>Approved reports of a year the committee may put in a compilation, in unit order.</summary>
    public async Task<List<ReportSummary>> CompilableAsync(UserContext user, int year, CancellationToken ct = default)
    {
        EnsureCommittee(user);
        return (await ListAsync(user, ReportStatus.Approved, ct)).Where(r => r.Year == year).ToList();
    }

    /// <summary>The 汇编: the chosen approved reports of <paramref name="year"/> in one Word file.</summary>
    public async Task<WordFile> CompileAsync(UserContext user, int year, IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        EnsureCommittee(user);
        if (ids.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "compilation-empty", "请至少选择一篇已通过的报告。", "ids");
        var available = await CompilableAsync(user, year, ct);
        var chosen = available.Where(r => ids.Contains(r.Id)).ToList();
        if (chosen.Count != ids.Distinct().Count())
            throw new WorkflowRuleException(RuleViolation.Invalid, "compilation-not-approved",
                $"只能汇编{year}年度已审核通过的报告，所选报告中有不符合条件的，请刷新后重选。", "ids");
        var chosenIds = chosen.Select(r => r.Id).ToList();
        var texts = await db.Reports.AsNoTracking().Where(r => chosenIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Title, r.Body }).ToListAsync(ct);
        var ordered = chosen.Select(c => texts.Single(t => t.Id == c.Id)).Select(t => new ReportText(t.Title, t.Body)).ToList();
        var cover = CompilationTitle(year, ordered.Count);
        return new WordFile(cover + ".docx", ReportDocx.Compile(cover, ordered));
    }

    public static string CompilationTitle(int year, int count) => $"{year}年落实全面从严治党主体责任情况报告材料汇编（{count}篇）";

    private static void EnsureCommittee(UserContext user)
    {
        if (!user.Actor.IsIn(RoleNames.Committee))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "forbidden", "只有市直机关工委可以汇编报告。");
    }

    private static string FileNameOf(string title)
    {
        var clean = new string(title.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && c != '"').ToArray()).Trim();
        return clean.Length == 0 ? "报告" : clean.Length > 80 ? clean[..80] : clean;
    }
}
