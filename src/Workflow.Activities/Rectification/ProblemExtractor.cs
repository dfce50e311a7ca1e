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

    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the caller went away or timed out).</exception>
    public static IReadOnlyList<ProblemProposal> Extract(string? reportText, CancellationToken ct = default)
    {
        var lines = (reportText ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.Trim()).ToList();
        var sections = new SectionMap(lines, ct);
        // Where the region of a marker that listed no problems ended. A later marker whose region ends at the same place
        // reads a tail of that region, before any numbering in it, so it lists none either: skipping it keeps "存在问题"
        // written 75,000 times linear instead of reading the rest of the text 75,000 times.
        var fruitless = new HashSet<(int Line, int Column)>();
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (Match marker in ProblemsMarker().Matches(lines[i]))
            {
                ct.ThrowIfCancellationRequested();
                var column = marker.Index + marker.Length;
                var after = sections.RegionEnd(i, column);
                if (fruitless.Contains(after)) continue;
                var problems = Enumerate(sections.RegionText(i, column, after), ct);
                if (problems.Count == 0)
                {
                    fruitless.Add(after);
                    continue;
                }
                var measures = Enumerate(MeasuresRegion(lines, after), ct);
                return problems.Select((p, n) => new ProblemProposal(n + 1, p, n < measures.Count ? measures[n] : "")).ToList();
            }
        }
        return [];
    }

    /// <summary>
    /// Where the sections of the text start and stop, read once so that finding the end of a problems region costs
    /// nothing per marker. A heading line ("二、存在的问题") opens a region running to the next heading or next-steps
    /// marker; a marker inside a paragraph covers the rest of that paragraph up to a next-steps marker.
    /// </summary>
    private sealed class SectionMap
    {
        private readonly List<string> _lines;
        private readonly int[][] _nextSteps;
        private readonly bool[] _stops;
        private readonly int[] _nextEvent;

        public SectionMap(List<string> lines, CancellationToken ct)
        {
            _lines = lines;
            _nextSteps = new int[lines.Count][];
            _stops = new bool[lines.Count];
            _nextEvent = new int[lines.Count + 1];
            _nextEvent[lines.Count] = lines.Count;
            for (var j = lines.Count - 1; j >= 0; j--)
            {
                if ((j & 1023) == 0) ct.ThrowIfCancellationRequested();
                // The markers are words that cannot overlap, so these starts are every place a search could find one.
                _nextSteps[j] = NextStepsMarker().Matches(lines[j]).Select(m => m.Index).ToArray();
                _stops[j] = TopHeading().IsMatch(lines[j]) || _nextSteps[j] is [0, ..];
                _nextEvent[j] = _stops[j] || _nextSteps[j].Length > 0 ? j : _nextEvent[j + 1];
            }
        }

        /// <summary>Where the region after a marker ending at (<paramref name="line"/>, <paramref name="column"/>) stops; also where measures are looked for.</summary>
        public (int Line, int Column) RegionEnd(int line, int column)
        {
            var starts = _nextSteps[line];
            var at = Array.BinarySearch(starts, column);
            if (at < 0) at = ~at;
            if (at < starts.Length) return (line, starts[at]);
            if (!IsHeading(_lines[line], column)) return (line + 1, 0);
            var next = _nextEvent[line + 1];
            return next == _lines.Count || _stops[next] ? (next, 0) : (next, _nextSteps[next][0]);
        }

        public string RegionText(int line, int column, (int Line, int Column) end)
        {
            if (end.Line == line) return _lines[line][column..end.Column];
            var text = new List<string> { _lines[line][column..] };
            for (var j = line + 1; j < end.Line; j++) text.Add(_lines[j]);
            if (end.Column > 0) text.Add(_lines[end.Line][..end.Column]);
            return string.Join("\n", text);
        }

        // A short line with no "一是" after the marker is a heading: its section runs on over the following lines.
        private static bool IsHeading(string line, int column) => line.Length <= 20 && !line.AsSpan(column).Contains('是');
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

    /// <summary>The item markers of each numbering style, 一是 to 十是, （一） to （十）, 1. to 10.; built once, not per call.</summary>
    private static readonly Regex[][] Styles =
    [
        Markers(n => Regex.Escape(Numeral(n) + "是")),
        Markers(n => $"[（(]{Numeral(n)}[）)]"),
        Markers(n => $@"(?<![\d.．]){n}\s*[.．、](?!\d)"),
    ];

    private static Regex[] Markers(Func<int, string> pattern) =>
        Enumerable.Range(1, Numerals.Length).Select(n => new Regex(pattern(n))).ToArray();

    /// <summary>The numbered items of a section in whichever style starts first: 一是, （一）, or 1.</summary>
    private static List<string> Enumerate(string region, CancellationToken ct)
    {
        List<string> best = [];
        var bestStart = int.MaxValue;
        foreach (var style in Styles)
        {
            ct.ThrowIfCancellationRequested();
            var found = Sequence(region, style);
            if (found.Count > 0 && found[0].Start < bestStart)
            {
                bestStart = found[0].Start;
                best = found.Select(f => f.Text).ToList();
            }
        }
        return best;
    }

    private static List<(int Start, string Text)> Sequence(string region, Regex[] markers)
    {
        var starts = new List<(int Start, int TextStart)>();
        var from = 0;
        foreach (var marker in markers)
        {
            var m = marker.Match(region, from);
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
