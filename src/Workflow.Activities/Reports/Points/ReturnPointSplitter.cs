using System.Text.RegularExpressions;

namespace Workflow.Activities.Reports.Points;

/// <summary>A return comment split into its numbered points, with the words before the first number (e.g. "请修改以下问题：").</summary>
public sealed record PointSplit(string Preamble, IReadOnlyList<string> Points);

/// <summary>
/// Splits a return comment into the points it enumerates (逐条说明): 1. / 1、 / 1） / （1） / 一、 / （一） / 一是…二是… / ①② /
/// 第一，…. A comment that enumerates nothing is one point. Pure and linear in the length of the comment.
/// </summary>
public static partial class ReturnPointSplitter
{
    private const string Chinese = "一二三四五六七八九十";

    // Each family is one way of numbering. A number counts only at the start of the text or after a break (line, blank,
    // sentence or clause punctuation), so "2023年" or "第3.5条" inside a sentence never starts a point.
    private static readonly (string Name, Regex Marker)[] Families =
    [
        ("arabic-dot", ArabicDot()),
        ("arabic-comma", ArabicComma()),
        ("arabic-paren", ArabicParen()),
        ("arabic-close", ArabicClose()),
        ("chinese-comma", ChineseComma()),
        ("chinese-paren", ChineseParen()),
        ("chinese-shi", ChineseShi()),
        ("chinese-di", ChineseDi()),
        ("circled", Circled()),
    ];

    /// <summary>Splits <paramref name="comment"/>; throws comment-too-long past <see cref="Report.MaxCommentLength"/>.</summary>
    public static PointSplit Split(string? comment)
    {
        var text = (UserText.Check(comment, "comment") ?? "").Replace("\r\n", "\n").Trim();
        if (text.Length > Report.MaxCommentLength)
            throw new WorkflowRuleException(RuleViolation.Invalid, "comment-too-long", $"意见不能超过{Report.MaxCommentLength}个字。", "comment");
        if (text.Length == 0) return new PointSplit("", []);

        // The outer numbering is the family whose run starts first; numbers of other families stay inside its points (nesting).
        List<(int Start, int End)>? best = null;
        foreach (var (_, marker) in Families)
        {
            var run = Run(text, marker);
            if (run.Count >= 2 && (best is null || run[0].Start < best[0].Start)) best = run;
        }
        if (best is null) return new PointSplit("", [Tidy(text)]);

        var points = new List<string>();
        for (var i = 0; i < best.Count; i++)
        {
            var end = i + 1 < best.Count ? best[i + 1].Start : text.Length;
            var piece = Tidy(text[best[i].End..end]);
            if (piece.Length > 0) points.Add(piece);
        }
        if (points.Count > PointDialogue.MaxPoints)
        {
            // Past the limit the rest stays together in the last point, so nothing the reviewer wrote is lost.
            var rest = string.Join("\n", points.Skip(PointDialogue.MaxPoints - 1));
            points = [.. points.Take(PointDialogue.MaxPoints - 1), rest];
        }
        return new PointSplit(Tidy(text[..best[0].Start]), points);
    }

    // The markers of one family that number 1, 2, 3…: the run starts at 1 and each next number is one more (or two more, an
    // author's slip: "1. 2. 4." is three points); a repeated or smaller number is text of the current point.
    private static List<(int Start, int End)> Run(string text, Regex marker)
    {
        var run = new List<(int, int)>();
        var last = 0;
        foreach (Match m in marker.Matches(text))
        {
            var value = Value(m.Groups["n"].Value);
            if (value is null) continue;
            if (last == 0 ? value != 1 : value <= last || value > last + 2) continue;
            run.Add((m.Index, m.Index + m.Length));
            last = value.Value;
        }
        return run;
    }

    private static int? Value(string n)
    {
        if (n.Length == 1 && n[0] is >= '①' and <= '⑳') return n[0] - '①' + 1;
        if (int.TryParse(n, out var arabic)) return arabic;
        // 一 … 十, 十一 … 十九, 二十 … 九十九.
        var ten = n.IndexOf('十');
        if (ten < 0) return n.Length == 1 ? Chinese.IndexOf(n[0]) + 1 : null;
        if (ten != n.LastIndexOf('十')) return null;
        var tens = ten == 0 ? 1 : Chinese.IndexOf(n[0]) + 1;
        var units = ten == n.Length - 1 ? 0 : Chinese.IndexOf(n[^1]) + 1;
        return ten <= 1 && tens is > 0 and < 10 && units < 10 ? tens * 10 + units : null;
    }

    // A point ends where the next begins: drop the separators left around it.
    private static string Tidy(string piece) => piece.Trim().Trim('；', ';', '，', ',', '：', ':', '、').Trim();

    private const string Lead = @"(?:^|(?<=[\s。；;：:，,！!？?）)]))";

    [GeneratedRegex(Lead + @"(?<n>\d{1,2})[.．](?!\d)", RegexOptions.Multiline)]
    private static partial Regex ArabicDot();

    [GeneratedRegex(Lead + @"(?<n>\d{1,2})、", RegexOptions.Multiline)]
    private static partial Regex ArabicComma();

    // Brackets delimit a number by themselves: "（1）……（2）……" often runs on without punctuation.
    [GeneratedRegex(@"[（(](?<n>\d{1,2})[）)]")]
    private static partial Regex ArabicParen();

    [GeneratedRegex(Lead + @"(?<n>\d{1,2})[）)]", RegexOptions.Multiline)]
    private static partial Regex ArabicClose();

    [GeneratedRegex(Lead + @"(?<n>[一二三四五六七八九十]{1,3})、", RegexOptions.Multiline)]
    private static partial Regex ChineseComma();

    [GeneratedRegex(@"[（(](?<n>[一二三四五六七八九十]{1,3})[）)]")]
    private static partial Regex ChineseParen();

    [GeneratedRegex(Lead + @"(?<n>[一二三四五六七八九十]{1,3})是", RegexOptions.Multiline)]
    private static partial Regex ChineseShi();

    [GeneratedRegex(Lead + @"第(?<n>[一二三四五六七八九十]{1,3})[，,、：:]", RegexOptions.Multiline)]
    private static partial Regex ChineseDi();

    [GeneratedRegex(@"(?<n>[①-⑳])")]
    private static partial Regex Circled();
}
