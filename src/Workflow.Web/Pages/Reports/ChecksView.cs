using Microsoft.AspNetCore.Html;
using Workflow.Activities.Reports.Checks;

namespace Workflow.Web.Pages.Reports;

/// <summary>One finding as listed: its number on the page (for its mark's id) and where its link jumps.</summary>
public sealed record ListedFinding(int Number, CheckFinding Finding, string? Href)
{
    /// <summary>"标题" or "第n段" for a finding with a place; null for one about the whole text.</summary>
    public string? Place => Finding.Paragraph is { } p ? p == 0 ? "标题" : $"第{p}段" : null;
}

/// <summary>The findings of one kind (check code), in text order.</summary>
public sealed record FindingGroup(string Code, string Kind, CheckSeverity Severity, bool Open, IReadOnlyList<ListedFinding> Findings)
{
    /// <summary>How many of a group's findings are listed before "显示全部 N 条": a report with 135 findings stays short.</summary>
    public const int ShownFirst = 5;

    public IEnumerable<ListedFinding> Shown => Findings.Take(ShownFirst);
    public IReadOnlyList<ListedFinding> Rest => Findings.Skip(ShownFirst).ToList();
}

/// <summary>A piece of a rendered paragraph: plain text, or a finding's phrase in a &lt;mark&gt; with the finding's id.</summary>
public sealed record TextPiece(string Text, string? MarkId = null, CheckSeverity Severity = CheckSeverity.Warning);

/// <summary>A paragraph of the rendered text with its checker number (blank lines count), as #p-n can target it.</summary>
public sealed record NumberedParagraph(int Number, bool Blank, IReadOnlyList<TextPiece> Pieces)
{
    public string Id => $"p-{Number}";

    /// <summary>The text, encoded, each finding's phrase in a mark its link targets (#f-n); no whitespace added between pieces.</summary>
    public IHtmlContent Html()
    {
        var html = new HtmlContentBuilder(Pieces.Count * 3);
        foreach (var piece in Pieces)
        {
            if (piece.MarkId is null)
            {
                html.Append(piece.Text);
                continue;
            }
            html.AppendHtml($"<mark class=\"finding-mark {ChecksView.SeverityCss(piece.Severity)}\" id=\"{piece.MarkId}\">");
            html.Append(piece.Text);
            html.AppendHtml("</mark>");
        }
        return html;
    }
}

/// <summary>
/// The report checks as people act on them (报告检查): grouped by kind with counts, 必须修改 before 建议修改, each finding
/// linking to its place — on the report page to its phrase (mark #f-n) or paragraph (#p-n), in the editor to the numbered
/// preview (#e-p-n), which the editor's script turns into a selection in the textarea.
/// </summary>
public sealed class ChecksView
{
    private ChecksView(IReadOnlyList<CheckFinding> findings, IReadOnlyList<FindingGroup> groups, IReadOnlyList<NumberedParagraph> paragraphs,
        NumberedParagraph title)
    {
        All = findings;
        Groups = groups;
        Paragraphs = paragraphs;
        Title = title;
    }

    public IReadOnlyList<CheckFinding> All { get; }
    public IReadOnlyList<FindingGroup> Groups { get; }

    /// <summary>The body as rendered on the report page: non-blank paragraphs, and blank ones a finding points at.</summary>
    public IReadOnlyList<NumberedParagraph> Paragraphs { get; }

    /// <summary>The title as paragraph 0, with its findings' phrases marked.</summary>
    public NumberedParagraph Title { get; }

    public int Errors => All.Count(f => f.Severity == CheckSeverity.Error);
    public int Warnings => All.Count - Errors;

    /// <summary>The report page: each phrase a finding knows is marked in the text, and its link jumps to that mark.</summary>
    public static ChecksView ForReport(IReadOnlyList<CheckFinding> findings, string title, string body)
    {
        var texts = ReportChecker.Paragraphs(title, body);
        var marks = Marks(findings, texts);
        var targeted = findings.Where(f => f.Paragraph is not null).Select(f => f.Paragraph!.Value).ToHashSet();
        var paragraphs = new List<NumberedParagraph>();
        for (var i = 1; i < texts.Count; i++)
        {
            var blank = texts[i].Trim().Length == 0;
            if (blank && !targeted.Contains(i)) continue;
            paragraphs.Add(new NumberedParagraph(i, blank, blank ? [] : Pieces(texts[i], marks.GetValueOrDefault(i) ?? [])));
        }
        var titlePiece = new NumberedParagraph(0, false, Pieces(texts[0], marks.GetValueOrDefault(0) ?? []));
        var marked = marks.Values.SelectMany(m => m).Select(m => m.Number).ToHashSet();
        return new ChecksView(findings, Group(findings, (n, f) => marked.Contains(n) ? $"#f-{n}" : f.Paragraph is { } p ? $"#p-{p}" : null),
            paragraphs, titlePiece);
    }

    /// <summary>The edit page: links point at the numbered preview's paragraphs (#e-p-n); the text itself is in the textarea.</summary>
    public static ChecksView ForEditor(IReadOnlyList<CheckFinding> findings) =>
        new(findings, Group(findings, (_, f) => f.Paragraph is { } p ? $"#e-p-{p}" : null), [], new NumberedParagraph(0, false, []));

    /// <summary>What a check code finds, as the group's heading says it.</summary>
    public static string KindOf(string code) => code switch
    {
        CheckCodes.Placeholder => "待填写的占位符",
        CheckCodes.MissingNumber => "缺少数字",
        CheckCodes.PasteMarker => "粘贴带入的标记",
        CheckCodes.HtmlTag => "残留的网页标签",
        CheckCodes.BlankParagraphs => "多余的空段落",
        CheckCodes.NumberingPunctuation => "序号标点不规范",
        CheckCodes.NoProblemsSection => "缺少“存在的问题”部分",
        CheckCodes.NoNextStepsSection => "缺少“下一步打算”部分",
        CheckCodes.TitleYearMismatch => "标题年度不符",
        CheckCodes.TitleYearMissing => "标题未写年度",
        CheckCodes.TooShort => "篇幅过短",
        _ => code,
    };

    public static string SeverityLabel(CheckSeverity severity) => severity == CheckSeverity.Error ? "必须修改" : "建议修改";

    public static string SeverityCss(CheckSeverity severity) => $"sev-{severity.ToString().ToLowerInvariant()}";

    // Errors first; inside a severity, kinds in the order their first finding appears in the text.
    private static List<FindingGroup> Group(IReadOnlyList<CheckFinding> findings, Func<int, CheckFinding, string?> href)
    {
        var listed = findings.Select((f, i) => new ListedFinding(i + 1, f, href(i + 1, f))).ToList();
        var anyError = findings.Any(f => f.Severity == CheckSeverity.Error);
        return listed.GroupBy(l => l.Finding.Code)
            .OrderByDescending(g => g.First().Finding.Severity).ThenBy(g => g.First().Number)
            .Select(g =>
            {
                var severity = g.First().Finding.Severity;
                return new FindingGroup(g.Key, KindOf(g.Key), severity, severity == CheckSeverity.Error || !anyError, g.ToList());
            })
            .ToList();
    }

    private sealed record Mark(int Number, int Start, int Length, CheckSeverity Severity);

    // The phrases to mark per paragraph, in order and not overlapping: a finding overlapping an earlier one links to its paragraph.
    // Walked in text order so each phrase is compared with the last mark only (a hostile text can have 100,000 findings).
    private static Dictionary<int, List<Mark>> Marks(IReadOnlyList<CheckFinding> findings, IReadOnlyList<string> texts)
    {
        var marks = new Dictionary<int, List<Mark>>();
        var ordered = findings.Select((f, i) => (Finding: f, Number: i + 1))
            .OrderBy(x => x.Finding.Paragraph ?? -1).ThenBy(x => x.Finding.Start ?? 0);
        foreach (var (f, number) in ordered)
        {
            if (f is not { Paragraph: { } p, Start: { } start, Length: > 0 and var length } || p >= texts.Count) continue;
            // The page shows each paragraph trimmed; a phrase outside what is shown (a blank run at its end) is not marked.
            var (shownFrom, shownTo) = Shown(texts[p]);
            var stop = Math.Min(start + length, shownTo);
            start = Math.Max(start, shownFrom);
            if (stop <= start) continue;
            var list = marks.TryGetValue(p, out var existing) ? existing : marks[p] = [];
            if (list.Count > 0 && start < list[^1].Start + list[^1].Length) continue;
            list.Add(new Mark(number, start, stop - start, f.Severity));
        }
        return marks;
    }

    private static (int From, int To) Shown(string text) => (text.Length - text.TrimStart().Length, text.TrimEnd().Length);

    // The paragraph trimmed as the page shows it, cut into plain and marked pieces.
    private static List<TextPiece> Pieces(string text, List<Mark> marks)
    {
        var pieces = new List<TextPiece>();
        var (at, end) = Shown(text);
        foreach (var m in marks)
        {
            if (m.Start > at) pieces.Add(new TextPiece(text[at..m.Start]));
            pieces.Add(new TextPiece(text.Substring(m.Start, m.Length), $"f-{m.Number}", m.Severity));
            at = m.Start + m.Length;
        }
        if (end > at) pieces.Add(new TextPiece(text[at..end]));
        return pieces;
    }
}
