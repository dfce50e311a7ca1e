using System.Text.RegularExpressions;

namespace Workflow.Activities.Rectification;

/// <summary>One problem proposed from a report: its sentence(s) and, when the next-steps section has one, the measure of the same number.</summary>
public sealed record ProblemProposal(int Number, string Problem, string Measures);

/// <summary>
/// Finds the problems a report lists in its 存在的问题 section (一是……二是……, 1. 2., or （一）（二）) and pairs each with the
/// measure of the same number in the 下一步/整改措施 section. A report without such a section yields nothing.
/// </summary>
public static partial class ProblemExtractor
{
    private const string Numerals = "一二三四五六七八九十";

    [GeneratedRegex(@"存在(?:的|以下|着)?(?:主要|突出)?(?:问题|不足)|问题和不足|不足之处")]
    private static partial Regex ProblemsMarker();

    [GeneratedRegex(@"下一步|接下来|整改措施|今后(?:的)?(?:工作)?打算|努力方向")]
    private static partial Regex NextStepsMarker();

    // A top-level heading such as "三、下一步打算"; it ends a section.
    [GeneratedRegex(@"^\s*[一二三四五六七八九十]+、")]
    private static partial Regex TopHeading();

    public static IReadOnlyList<ProblemProposal> Extract(string? reportText)
    {
        var lines = (reportText ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (Match marker in ProblemsMarker().Matches(lines[i]))
            {
                var (region, after) = ProblemsRegion(lines, i, marker.Index + marker.Length);
                var problems = Enumerate(region);
                if (problems.Count == 0) continue;
                var measures = Enumerate(MeasuresRegion(lines, after));
                return problems.Select((p, n) => new ProblemProposal(n + 1, p, n < measures.Count ? measures[n] : "")).ToList();
            }
        }
        return [];
    }

    /// <summary>
    /// The text of the problems section and where to look for measures (line, column). A heading line ("二、存在的问题")
    /// opens a section running to the next heading; a marker inside a paragraph covers the rest of that paragraph.
    /// </summary>
    private static (string Region, (int Line, int Column) After) ProblemsRegion(List<string> lines, int line, int column)
    {
        var isHeading = lines[line].Length <= 20 && !lines[line][column..].Contains('是');
        var text = new List<string> { lines[line][column..] };
        var end = line;
        if (isHeading)
            for (var j = line + 1; j < lines.Count && !TopHeading().IsMatch(lines[j]); j++)
            {
                if (NextStepsMarker().Match(lines[j]) is { Success: true, Index: 0 }) break;
                text.Add(lines[j]);
                end = j;
            }
        var joined = string.Join("\n", text);
        var next = NextStepsMarker().Match(joined);
        if (next.Success)
        {
            var before = joined[..next.Index];
            var linesBefore = before.Count(c => c == '\n');
            var column0 = linesBefore == 0 ? column + next.Index : next.Index - before.LastIndexOf('\n') - 1;
            return (before, (line + linesBefore, column0));
        }
        return (joined, (end + 1, 0));
    }

    /// <summary>From the next-steps marker (on this line or a later one) to the next top-level heading or the end.</summary>
    private static string MeasuresRegion(List<string> lines, (int Line, int Column) from)
    {
        for (var i = from.Line; i < lines.Count; i++)
        {
            var start = i == from.Line ? Math.Min(from.Column, lines[i].Length) : 0;
            var m = NextStepsMarker().Match(lines[i], start);
            if (!m.Success) continue;
            var text = new List<string> { lines[i][(m.Index + m.Length)..] };
            for (var j = i + 1; j < lines.Count && !TopHeading().IsMatch(lines[j]); j++) text.Add(lines[j]);
            return string.Join("\n", text);
        }
        return "";
    }

    /// <summary>The numbered items of a section in whichever style starts first: 一是, （一）, or 1.</summary>
    private static List<string> Enumerate(string region)
    {
        var styles = new Func<int, string>[]
        {
            n => Regex.Escape(Numeral(n) + "是"),
            n => $"[（(]{Numeral(n)}[）)]",
            n => $@"(?<![\d.．]){n}\s*[.．、](?!\d)",
        };
        List<string> best = [];
        var bestStart = int.MaxValue;
        foreach (var style in styles)
        {
            var found = Sequence(region, style);
            if (found.Count > 0 && found[0].Start < bestStart)
            {
                bestStart = found[0].Start;
                best = found.Select(f => f.Text).ToList();
            }
        }
        return best;
    }

    private static List<(int Start, string Text)> Sequence(string region, Func<int, string> marker)
    {
        var starts = new List<(int Start, int TextStart)>();
        var from = 0;
        for (var n = 1; n <= Numerals.Length; n++)
        {
            var m = new Regex(marker(n)).Match(region, from);
            if (!m.Success) break;
            starts.Add((m.Index, m.Index + m.Length));
            from = m.Index + m.Length;
        }
        return starts.Select((s, k) =>
        {
            var end = k + 1 < starts.Count ? starts[k + 1].Start : region.Length;
            return (s.Start, Tidy(region[s.TextStart..end]));
        }).Where(x => x.Item2.Length > 0).ToList();
    }

    private static string Tidy(string text) => Regex.Replace(text, @"\s+", " ").Trim().TrimStart('：', ':', '，', ',').TrimEnd('，', ',', '；', ';', '、', ' ').Trim();

    private static string Numeral(int n) => n <= 10 ? Numerals[n - 1].ToString() : "十" + Numerals[n - 11];
}
