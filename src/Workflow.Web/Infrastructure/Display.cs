using System.Text.RegularExpressions;
using Workflow.Activities.Rectification;
using Microsoft.AspNetCore.Html;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Diff;
using Workflow.Activities.Routes;

namespace Workflow.Web;

/// <summary>Formatting for pages: China Standard Time, status colours, the route diagram, marked-up diff pieces.</summary>
public static partial class Display
{
    private static readonly TimeZoneInfo China = Workflow.Activities.Calendar.ChinaTime.Zone;

    /// <summary>
    /// Diff pieces as one run of HTML: deletions in &lt;del&gt;, insertions in &lt;ins&gt;, the rest plain. No whitespace between
    /// the pieces — Chinese has no spaces, and a template's line breaks would show as gaps inside a sentence.
    /// </summary>
    public static IHtmlContent Pieces(IEnumerable<TextPiece> pieces)
    {
        // Text is appended unencoded here and encoded by the page's own encoder, which keeps Chinese readable.
        var html = new HtmlContentBuilder();
        foreach (var piece in pieces)
        {
            var tag = piece.Kind switch { ChangeKind.Deleted => "del", ChangeKind.Inserted => "ins", _ => null };
            if (tag is null) html.Append(piece.Text);
            else html.AppendHtml($"<{tag}>").Append(piece.Text).AppendHtml($"</{tag}>");
        }
        return html;
    }

    /// <summary>Why a diff is coarser than character by character, for the note above it; empty when it is not.</summary>
    public static string CoarseNote(RevisionDiff diff) => (diff.LongSentences, diff.CoarseAlignment) switch
    {
        (true, true) => "句子过长、修改过多，部分内容仅按整句、按先后顺序对比。",
        (true, false) => "句子过长，仅按整句对比。",
        (false, true) => "修改过多，部分内容仅按先后顺序逐句对比。",
        _ => "",
    };

    public static string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, China).ToString("yyyy-MM-dd HH:mm");

    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, China).ToString("yyyy-MM-dd");

    public static string StatusCss(ReportStatus status) =>
        status == ReportStatus.Draft ? "st-draft"
        : status == ReportStatus.Returned ? "st-returned"
        : status == ReportStatus.Approved ? "st-approved"
        : "st-review";

    /// <summary>
    /// The Mermaid text of the route as generated from the machine, drawn left to right for reading,
    /// with Chinese names for steps and transitions and the current status highlighted.
    /// </summary>
    public static string RouteDiagram(RouteDefinition route, ReportStatus current)
    {
        var machine = Report.MermaidFor(route).TrimEnd().Split('\n');
        var lines = new List<string> { machine[0], "\tdirection LR" };
        lines.AddRange(machine.Skip(1).Select(line => Transition().Replace(line, m => TransitionLine(m, route))));
        // Draft, the route's steps in order, Returned, Approved: for the standard route the order the enum had.
        IEnumerable<ReportStatus> states = [ReportStatus.Draft, .. route.Steps.Select(s => s.Status), ReportStatus.Returned, ReportStatus.Approved];
        foreach (var status in states)
            lines.Add($"\t{status} : {status.Label(route)}{ModeNote(route.StepFor(status))}");
        lines.Add("\tclassDef current fill:#b71c1c,color:#fff,stroke:#7f0000,stroke-width:3px");
        lines.Add($"\tclass {current} current");
        return string.Join('\n', lines);
    }

    /// <summary>"（会签）" or "（或签）" after the name of a step several people decide together; nothing for a single reviewer's step.</summary>
    public static string ModeNote(RouteStep? step) => step is { Mode: not StepMode.Single } ? $"（{step.Mode.Label()}）" : "";

    // "Draft --> CommitteeReview : Submit [撤回后再提交，回到退回环节] [报告检查无错误]" as Stateless writes it, one bracket per guard.
    [GeneratedRegex(@"^(?<lead>\s*)(?<from>\w+) --> (?<to>\w+) : (?<trigger>\w+)(?: \[[^\]]*\])*$")]
    private static partial Regex Transition();

    private static string TransitionLine(Match m, RouteDefinition route)
    {
        var toFirstStep = ReportStatus.TryParse(m.Groups["to"].Value, out var to) && to == route.First.Status;
        var label = m.Groups["trigger"].Value switch
        {
            "Submit" => toFirstStep ? "提交" : "再次提交（回到退回环节）",
            "Resubmit" => toFirstStep ? "重新提交（从第一步）" : "重新提交（原路返回）",
            "Approve" => "通过",
            "Return" => "退回",
            "Withdraw" => "撤回",
            var trigger => trigger,
        };
        return $"{m.Groups["lead"].Value}{m.Groups["from"].Value} --> {m.Groups["to"].Value} : {label}";
    }

    /// <summary>Paragraphs of a report body, blank lines dropped.</summary>
    public static IEnumerable<string> Paragraphs(string body) =>
        body.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0);
}

/// <summary>Formatting of the rectification ledger: status colours and the traffic light.</summary>
public static class LedgerDisplay
{
    public static string StatusCss(RectificationStatus status) => status switch
    {
        RectificationStatus.NotStarted => "st-draft",
        RectificationStatus.InProgress => "st-review",
        RectificationStatus.ClosureRequested => "st-returned",
        RectificationStatus.Closed => "st-approved",
        _ => "st-longterm",
    };

    // 待指定 is grey like a closed item: neither is on a clock.
    public static string LightCss(TrafficLight light) =>
        "light light-" + (light == TrafficLight.Unassigned ? "grey" : light.ToString().ToLowerInvariant());

    public static string LightTitle(TrafficLight light) => light switch
    {
        TrafficLight.Green => "绿：按计划推进",
        TrafficLight.Yellow => "黄：7天内到期",
        TrafficLight.Red => "红：已逾期",
        TrafficLight.Unassigned => "灰：待指定负责人和期限",
        _ => "灰：已销号",
    };

    public static string Deadline(DateOnly? date) => date?.ToString("yyyy-MM-dd") ?? "未定";

    /// <summary>What an item waiting for assignment lacks: "负责人和期限", "负责人" or "完成时限".</summary>
    public static string Missing(Workflow.Host.Rectification.LedgerRow row) => (row.OwnerId, row.Deadline) switch
    {
        (null, null) => "负责人和期限",
        (null, _) => "负责人",
        _ => "完成时限",
    };

    /// <summary>An evidence file's type as users name it: PDF, Word, Excel, JPG, PNG (the types the intake accepts).</summary>
    public static string FileType(string contentType) => contentType switch
    {
        "application/pdf" => "PDF",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "Word",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "Excel",
        "image/jpeg" => "JPG",
        "image/png" => "PNG",
        _ => "文件",
    };

    /// <summary>A file size as "856 字节", "12.3 KB" or "1.2 MB".</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} 字节",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };

    /// <summary>A close-out rate in percent, or "—" when there is nothing to close: 0% would read as "nothing done".</summary>
    public static string Rate(int total, double rate) => total == 0 ? "—" : rate.ToString("0.#") + "%";

    /// <summary>"3/8（37.5%）", or "—" for a unit without items.</summary>
    public static string CloseOut(Workflow.Host.Rectification.UnitSummary unit) =>
        unit.Total == 0 ? "—" : $"{unit.Closed}/{unit.Total}（{Rate(unit.Total, unit.CloseOutRate)}）";
}
