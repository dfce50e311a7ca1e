using System.Text.RegularExpressions;

namespace Workflow.Activities.Rectification;

/// <summary>One problem proposed from a report: its sentence(s) and, when the next-steps part pairs with it, the measure of the same number.</summary>
public sealed record ProblemProposal(int Number, string Problem, string Measures);

/// <summary>Where the proposed problems were written.</summary>
public enum ProblemShape
{
    /// <summary>Nothing enumerated anywhere.</summary>
    None,
    /// <summary>Under a heading such as 二、存在的问题.</summary>
    Heading,
    /// <summary>Inside a paragraph of self-criticism (……还存在一定差距。一是……二是……).</summary>
    Paragraph,
}

/// <summary>Whether the proposals carry the measures of the next-steps part, and if not why not.</summary>
public enum MeasurePairing
{
    /// <summary>As many measures as problems, numbered alike: measure n goes with problem n.</summary>
    Paired,
    /// <summary>The next-steps part enumerates no measures (or there is none).</summary>
    NoMeasures,
    /// <summary>The next-steps part enumerates a different number of measures; pairing by number would guess.</summary>
    CountMismatch,
    /// <summary>A number is skipped (一是、二是、四是) in the problems or the measures.</summary>
    NumberingMismatch,
}

/// <summary>A heading or paragraph that admits shortcomings but enumerates none of them (还有一定不足): why nothing was proposed from it.</summary>
public sealed record UnlistedRemark(string Excerpt);

/// <summary>
/// What a report lists as its problems: the proposals, where they stand, how they pair with the enumerated measures, the
/// measures themselves (shown beside unpaired proposals), and the self-criticism that enumerates nothing.
/// </summary>
public sealed record ProblemExtraction(IReadOnlyList<ProblemProposal> Proposals, ProblemShape Shape, MeasurePairing Pairing,
    IReadOnlyList<string> Measures, IReadOnlyList<UnlistedRemark> Unlisted)
{
    public static readonly ProblemExtraction Empty = new([], ProblemShape.None, MeasurePairing.NoMeasures, [], []);
}

/// <summary>
/// Finds the problems a report enumerates, wherever it writes them: under a 存在的问题 heading, or inside a paragraph of
/// self-criticism recognised by its wording (差距/不足/问题/短板/薄弱) before the next-steps part; numbered 一是, （一）, 1./1、,
/// (1), ①, or 一方面…另一方面. Pairs problem n with measure n of the next-steps part only when both count and number alike.
/// Every pass is a linear scan with bounded patterns, so 300,000 hostile characters cost milliseconds.
/// </summary>
public static partial class ProblemExtractor
{
    private const int MaxNumber = 20;
    private const int HeadingLength = 40;
    private const int MaxRemarks = 3;
    private const int ExcerptLength = 80;

    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the caller went away or timed out).</exception>
    public static IReadOnlyList<ProblemProposal> Extract(string? reportText, CancellationToken ct = default) => Read(reportText, ct).Proposals;

    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the caller went away or timed out).</exception>
    public static ProblemExtraction Read(string? reportText, CancellationToken ct = default)
    {
        var paragraphs = (reportText ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var found = new List<Candidate>();
        var unlisted = new List<UnlistedRemark>();
        var inNextSteps = false;
        var i = 0;
        while (i < paragraphs.Count)
        {
            ct.ThrowIfCancellationRequested();
            var p = paragraphs[i];
            if (IsHeading(p))
            {
                // 存在的问题及下一步打算 heads both parts: the paragraphs under it say which is which.
                if (NextStepsHeading().IsMatch(p)) inNextSteps = !IsProblemsHeading(p);
                else if (IsProblemsHeading(p))
                {
                    inNextSteps = false;
                    var region = RegionUnder(paragraphs, i, ct);
                    Consider(new Candidate(ProblemShape.Heading, region, Enumerate(region.Text)), p);
                    i = Past(region);
                    continue;
                }
                else if (Level(p) <= 1) inNextSteps = false;
                i++;
                continue;
            }
            var opener = FirstOpener(p, 0);
            if (opener == 0)
            {
                inNextSteps = true;
                i++;
                continue;
            }
            var lead = LeadingMarker().Match(p);
            var start = lead.Success ? lead.Length : 0;
            var own = opener > 0 ? p[start..opener] : p[start..];
            var ownItems = Enumerate(own);
            var before = ownItems.Count > 0 ? own[..ownItems.FirstStart] : own;
            // An item of an achievements list (二是扎实开展……存在的问题) is no self-criticism: its title would have to admit it.
            var admits = lead.Success ? Admits(FirstClause(before)) : Admits(before);
            // Inside the next-steps part only a label (存在的问题：一是……) starts problems again.
            if (admits && (!inNextSteps || before.Length <= 20))
            {
                inNextSteps = false;
                var region = RegionFrom(paragraphs, i, start, opener, ct);
                Consider(new Candidate(ProblemShape.Paragraph, region, region.EndParagraph == i ? ownItems : Enumerate(region.Text)), before);
                i = Past(region);
                continue;
            }
            if (opener > 0) inNextSteps = true;
            i++;
        }
        if (found.Count == 0)
            return ProblemExtraction.Empty with { Unlisted = unlisted };

        // The self-criticism stands right before the next steps; an earlier list (of achievements) that admitted something is second choice.
        var chosen = found.LastOrDefault(c => c.Region.BeforeNextSteps) ?? found[^1];
        var measures = Enumerate(MeasuresRegion(paragraphs, chosen.Region, ct));
        var pairing = measures.Count == 0 ? MeasurePairing.NoMeasures
            : chosen.Items.Skipped || measures.Skipped ? MeasurePairing.NumberingMismatch
            : measures.Count != chosen.Items.Count ? MeasurePairing.CountMismatch
            : MeasurePairing.Paired;
        var proposals = chosen.Items.Texts.Select((text, n) =>
            new ProblemProposal(n + 1, text, pairing == MeasurePairing.Paired ? measures.Texts[n] : "")).ToList();
        return new ProblemExtraction(proposals, chosen.Shape, pairing, measures.Texts, unlisted);

        // A region cut by a next-steps opener inside a paragraph leaves the rest of that paragraph to the next steps.
        int Past(Region region)
        {
            if (region.EndColumn == 0) return region.EndParagraph;
            inNextSteps = true;
            return region.EndParagraph + 1;
        }

        void Consider(Candidate candidate, string admission)
        {
            if (candidate.Items.Count > 0) found.Add(candidate);
            else if (unlisted.Count < MaxRemarks) unlisted.Add(new UnlistedRemark(Excerpt(candidate.Shape == ProblemShape.Heading ? admission : AdmittingSentence(admission))));
        }
    }

    private sealed record Candidate(ProblemShape Shape, Region Region, Items Items);

    /// <summary>Text of paragraphs [from, to) with where it ends and whether the next-steps part follows at once.</summary>
    private sealed record Region(string Text, int EndParagraph, int EndColumn, bool BeforeNextSteps);

    /// <summary>The section under a problems heading: to the next heading of its level or above, or to the next steps.</summary>
    private static Region RegionUnder(List<string> paragraphs, int heading, CancellationToken ct)
    {
        var level = Level(paragraphs[heading]);
        var text = new List<string>();
        for (var j = heading + 1; j < paragraphs.Count; j++)
        {
            if ((j & 255) == 0) ct.ThrowIfCancellationRequested();
            var p = paragraphs[j];
            if (IsHeading(p))
            {
                if (NextStepsHeading().IsMatch(p)) return new Region(string.Join("\n", text), j, 0, true);
                if (EndsSection(p, level)) return new Region(string.Join("\n", text), j, 0, false);
                text.Add(p);
                continue;
            }
            var opener = FirstOpener(p, 0);
            if (opener == 0) return new Region(string.Join("\n", text), j, 0, true);
            if (opener > 0)
            {
                text.Add(p[..opener]);
                return new Region(string.Join("\n", text), j, opener, true);
            }
            text.Add(p);
        }
        return new Region(string.Join("\n", text), paragraphs.Count, 0, false);
    }

    /// <summary>
    /// A self-criticism paragraph from <paramref name="start"/> to its next-steps opener, and the item lines that follow it
    /// (……存在以下不足：\n一是……\n二是……).
    /// </summary>
    private static Region RegionFrom(List<string> paragraphs, int at, int start, int opener, CancellationToken ct)
    {
        var first = paragraphs[at];
        if (opener > 0) return new Region(first[start..opener], at, opener, true);
        var text = new List<string> { first[start..] };
        var j = at + 1;
        for (; j < paragraphs.Count; j++)
        {
            if ((j & 255) == 0) ct.ThrowIfCancellationRequested();
            var p = paragraphs[j];
            if (!LeadingMarker().IsMatch(p) || Level(p) == 1 || IsHeading(p) && NextStepsHeading().IsMatch(p)) break;
            var cut = FirstOpener(p, 0);
            if (cut == 0) break;
            if (cut > 0)
            {
                text.Add(p[..cut]);
                return new Region(string.Join("\n", text), j, cut, true);
            }
            text.Add(p);
        }
        var next = j < paragraphs.Count ? paragraphs[j] : null;
        var beforeNextSteps = next is not null && (IsHeading(next) ? NextStepsHeading().IsMatch(next) : FirstOpener(next, 0) == 0);
        return new Region(string.Join("\n", text), j, 0, beforeNextSteps);
    }

    /// <summary>From the first next-steps opener or heading after the problems to the end of that part.</summary>
    private static string MeasuresRegion(List<string> paragraphs, Region problems, CancellationToken ct)
    {
        for (var j = problems.EndParagraph; j < paragraphs.Count; j++)
        {
            if ((j & 255) == 0) ct.ThrowIfCancellationRequested();
            var p = paragraphs[j];
            if (IsHeading(p))
            {
                if (NextStepsHeading().IsMatch(p)) return Section(j + 1, Level(p), []);
                continue;
            }
            var opener = FirstOpener(p, j == problems.EndParagraph ? problems.EndColumn : 0);
            if (opener >= 0) return Section(j + 1, 0, [p[opener..]]);
        }
        return "";

        string Section(int from, int level, List<string> text)
        {
            for (var j = from; j < paragraphs.Count && !(IsHeading(paragraphs[j]) && EndsSection(paragraphs[j], level)); j++)
                text.Add(paragraphs[j]);
            return string.Join("\n", text);
        }
    }

    /// <summary>A heading closes a section of <paramref name="level"/> when it is of that level or above (an unnumbered one closes any).</summary>
    private static bool EndsSection(string heading, int level)
    {
        var other = Level(heading);
        return other <= 1 || level > 0 && other <= level;
    }

    /// <summary>A short line without a full stop that does not start an item (一是……): a heading such as 二、存在的问题.</summary>
    private static bool IsHeading(string p) =>
        p.Length <= HeadingLength && p.AsSpan().IndexOfAny("。！？；;!?") < 0 && !ItemStart().IsMatch(p);

    /// <summary>0 unnumbered, 1 一、, 2 （一）, 3 1. or 1、, 4 (1) or ①.</summary>
    private static int Level(string heading) => LevelMarker().Match(heading) is { Success: true } m
        ? m.Groups["l1"].Success ? 1 : m.Groups["l2"].Success ? 2 : m.Groups["l3"].Success ? 3 : 4
        : 0;

    /// <summary>Where a next-steps opener (下一步，…… / 接下来…… / 针对上述问题……) starts a sentence at or after <paramref name="from"/>; -1 if none.</summary>
    private static int FirstOpener(string p, int from)
    {
        for (var k = from; k < p.Length; k++)
        {
            if (k > 0 && "。！？；;!?".IndexOf(p[k - 1]) < 0) continue;
            if (NextStepsOpener().Match(p, k).Success) return k;
        }
        return -1;
    }

    /// <summary>Whether some clause of <paramref name="text"/> admits shortcomings.</summary>
    private static bool Admits(string text) => AdmittingClause(text) >= 0;

    /// <summary>
    /// The start of the first clause that admits shortcomings: 还存在/仍有 … 差距/不足/问题, or a shortcoming word (差距, 不足, 短板,
    /// 薄弱, 欠缺) or 存在的问题 not governed by an action (补齐短板, 针对存在的问题, 整改……问题 describe work done).
    /// </summary>
    private static int AdmittingClause(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.AsSpan(start).IndexOfAny("，,。；;：:！？!?\n");
            var clause = end < 0 ? text[start..] : text.Substring(start, end);
            if (AdmissionAdverb().IsMatch(clause) && ShortcomingWord().IsMatch(clause)
                || !ActionWord().IsMatch(clause) && (StrongShortcoming().IsMatch(clause) || ExistingProblem().IsMatch(clause)))
                return start;
            if (end < 0) break;
            start += end + 1;
        }
        return -1;
    }

    private static string FirstClause(string text)
    {
        var end = text.AsSpan().IndexOfAny("，,。；;：:！？!?\n");
        return end < 0 ? text : text[..end];
    }

    /// <summary>The sentence holding the admission, for the note that nothing was enumerated after it.</summary>
    private static string AdmittingSentence(string text)
    {
        var at = Math.Max(0, AdmittingClause(text));
        var from = text.AsSpan(0, at).LastIndexOfAny("。！？!?\n") + 1;
        var to = text.AsSpan(at).IndexOfAny("。！？!?\n");
        return to < 0 ? text[from..] : text[from..(at + to + 1)];
    }

    private static string Excerpt(string text)
    {
        var tidy = Tidy(text);
        return tidy.Length <= ExcerptLength ? tidy : tidy[..ExcerptLength] + "…";
    }

    /// <summary>The items of one numbering style, whether a number was skipped, and where the first starts.</summary>
    private sealed record Items(List<string> Texts, bool Skipped, int FirstStart)
    {
        public static readonly Items None = new([], false, int.MaxValue);
        public int Count => Texts.Count;
    }

    private static readonly Regex[] Styles =
    [
        NumeralIs(), ParenthesisedNumeral(), ArabicDot(), ParenthesisedArabic(), Circled(), OneHand(),
    ];

    /// <summary>The enumerated items of a region in whichever style starts first.</summary>
    private static Items Enumerate(string region)
    {
        var best = Items.None;
        foreach (var style in Styles)
        {
            var found = Sequence(region, style);
            if (found.Count > 0 && found.FirstStart < best.FirstStart) best = found;
        }
        return best;
    }

    /// <summary>
    /// One pass over the markers of a style: 1, 2, 3 … in order (other numbers, such as a sub-list's, are text of the item);
    /// one skipped number is followed but remembered. An item ends at the next item, or the last at the end of its line
    /// unless the items run over several lines.
    /// </summary>
    private static Items Sequence(string region, Regex style)
    {
        var marks = new List<(int Start, int End)>();
        var expected = 1;
        var skipped = false;
        foreach (var m in style.EnumerateMatches(region))
        {
            var n = Number(region.AsSpan(m.Index, m.Length));
            if (n != expected && !(n == expected + 1 && expected > 1)) continue;
            skipped |= n != expected;
            marks.Add((m.Index, m.Index + m.Length));
            expected = n + 1;
            if (expected > MaxNumber) break;
        }
        if (marks.Count == 0) return Items.None;
        var texts = new List<string>();
        var multiline = false;
        for (var k = 0; k < marks.Count; k++)
        {
            int end;
            if (k + 1 < marks.Count) end = marks[k + 1].Start;
            else
            {
                var line = region.IndexOf('\n', marks[k].End);
                end = multiline || line < 0 ? region.Length : line;
            }
            var raw = region[marks[k].End..end];
            multiline |= raw.TrimEnd().Contains('\n');
            var text = Tidy(raw);
            if (text.Length > 0) texts.Add(text);
        }
        return texts.Count == 0 ? Items.None : new Items(texts, skipped, marks[0].Start);
    }

    /// <summary>The number a marker stands for: 三是 3, （十二） 12, 7. 7, ④ 4, 一方面 1, 另一方面 2.</summary>
    private static int Number(ReadOnlySpan<char> marker)
    {
        if (marker.StartsWith("另")) return 2;
        if (marker.EndsWith("方面")) return 1;
        var digits = 0;
        Span<char> numerals = stackalloc char[3];
        var count = 0;
        foreach (var c in marker)
        {
            if (c is >= '①' and <= '⑳') return c - '①' + 1;
            if (char.IsAsciiDigit(c)) digits = digits * 10 + (c - '0');
            else if ((c == '十' || Numerals.Contains(c)) && count < numerals.Length) numerals[count++] = c;
        }
        if (count == 0) return digits;
        int Digit(char c) => Numerals.IndexOf(c) + 1;
        return numerals[..count] switch
        {
            ['十'] => 10,
            ['十', var unit] => 10 + Digit(unit),
            [var ten, '十'] => Digit(ten) * 10,
            [var one] => Digit(one),
            _ => 0,
        };
    }

    private const string Numerals = "一二三四五六七八九";

    private static string Tidy(string text) =>
        Whitespace().Replace(text, " ").Trim().TrimStart('：', ':', '，', ',', '、', '.', '．', ' ').TrimEnd('，', ',', '；', ';', '、', '：', ':', ' ').Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<![一二三四五六七八九十百千万第统唯单同逐专划其])(?:[一二三四五六七八九]|十[一二三四五六七八九]?|二十)是")]
    private static partial Regex NumeralIs();

    [GeneratedRegex(@"[（(](?:[一二三四五六七八九]|十[一二三四五六七八九]?|二十)[）)]")]
    private static partial Regex ParenthesisedNumeral();

    [GeneratedRegex(@"(?<![\d.．])\d{1,2}[ \t]*[.．、](?!\d)")]
    private static partial Regex ArabicDot();

    [GeneratedRegex(@"[（(]\d{1,2}[）)]")]
    private static partial Regex ParenthesisedArabic();

    [GeneratedRegex(@"[①-⑳]")]
    private static partial Regex Circled();

    [GeneratedRegex(@"另?一方面")]
    private static partial Regex OneHand();

    /// <summary>A paragraph that starts an item or a numbered heading: its own number is not the list it holds.</summary>
    [GeneratedRegex(@"^(?:(?:[一二三四五六七八九]|十[一二三四五六七八九]?|二十)[是、]|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]|\d{1,2}[ \t]*[.．、](?!\d)|[①-⑳]|另?一方面)")]
    private static partial Regex LeadingMarker();

    /// <summary>Lines that open an item (一是, ①, 一方面) are never headings, however short.</summary>
    [GeneratedRegex(@"^(?:(?:[一二三四五六七八九]|十[一二三四五六七八九]?)是|[①-⑳]|另?一方面)")]
    private static partial Regex ItemStart();

    [GeneratedRegex(@"^(?:(?<l1>[一二三四五六七八九十]{1,3}、)|(?<l2>[（(][一二三四五六七八九十]{1,3}[）)])|(?<l3>\d{1,2}[ \t]*[.．、](?!\d))|(?<l4>[（(]\d{1,2}[）)]|[①-⑳]))")]
    private static partial Regex LevelMarker();

    /// <summary>二、存在的问题, 问题与不足, 主要问题: a heading that admits shortcomings (整治存在的突出问题 reports work done).</summary>
    private static bool IsProblemsHeading(string heading) => Admits(heading) || MainProblems().IsMatch(heading);

    [GeneratedRegex(@"主要问题")]
    private static partial Regex MainProblems();

    [GeneratedRegex(@"下一步|下步|今后|整改措施|改进措施|努力方向|工作打算|工作思路|工作计划|整改方向")]
    private static partial Regex NextStepsHeading();

    /// <summary>Tried only at a sentence start, so 为下一步工作打下基础 inside a sentence opens nothing.</summary>
    [GeneratedRegex(@"\G(?:下一步|下步|接下来|今后|新的一年|针对(?:上述|以上|这些|存在的)(?:问题|不足)|整改措施|努力方向|20\d\d年[，,][^。；，]{0,12}将)")]
    private static partial Regex NextStepsOpener();

    [GeneratedRegex(@"(?:还|仍|尚|也|依然|依旧|确实|不同程度地?)(?:存在|有)")]
    private static partial Regex AdmissionAdverb();

    [GeneratedRegex(@"差距|不足|短板|薄弱|欠缺|弱项|问题|不到位|提升空间|改进空间")]
    private static partial Regex ShortcomingWord();

    [GeneratedRegex(@"差距|不足|短板|薄弱|欠缺|弱项")]
    private static partial Regex StrongShortcoming();

    [GeneratedRegex(@"存在的?[^，。；]{0,8}问题")]
    private static partial Regex ExistingProblem();

    [GeneratedRegex(@"补|解决|整改|整治|治理|纠治|针对|聚焦|围绕|着力|破解|克服|强化|加强|推动|坚持|梳理|排查|查找|改进|防范|化解")]
    private static partial Regex ActionWord();
}
