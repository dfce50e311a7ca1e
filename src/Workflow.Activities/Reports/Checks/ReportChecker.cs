using System.Text.RegularExpressions;

namespace Workflow.Activities.Reports.Checks;

/// <summary>
/// The pre-submit checks (报告检查): pure functions over the title and body text of a report.
/// Placeholder rules are deliberately narrow so that legitimate Latin text (PPT, APP, Excel, x光) passes.
/// </summary>
public static partial class ReportChecker
{
    private const int ExcerptContext = 8;

    // A finding quotes at most this much of what it found: a run of 300,000 "x" is one finding, not a 300,000-character message.
    private const int MaxQuoted = 40;

    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the caller went away or timed out).</exception>
    public static IReadOnlyList<CheckFinding> Run(string title, string body, int year, CheckSettings? settings = null, CancellationToken ct = default)
    {
        settings ??= CheckSettings.Default;
        var paragraphs = Paragraphs(title, body);
        var findings = new List<FindingDraft>();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            findings.AddRange(InParagraph(i, paragraphs[i], ct));
        }
        ct.ThrowIfCancellationRequested();
        findings.AddRange(BlankRuns(paragraphs));
        findings.AddRange(Numbering(paragraphs));
        findings.AddRange(Structure(paragraphs, year, settings.MinimumLength));
        return findings
            .OrderBy(f => f.Paragraph ?? int.MaxValue).ThenBy(f => f.Start ?? 0)
            .Select(f => new CheckFinding(f.Code, settings.SeverityOf(f.Code), f.Message, f.Paragraph, f.Start, f.Length, f.Excerpt))
            .ToList();
    }

    /// <summary>The title as paragraph 0, then the body paragraphs as stored (one per line).</summary>
    public static IReadOnlyList<string> Paragraphs(string title, string body) =>
        [title, .. Report.NormalizeBody(body).Split('\n')];

    private sealed record FindingDraft(string Code, string Message, int? Paragraph, int? Start, int? Length, string Excerpt);

    private static FindingDraft At(string code, string message, int paragraph, string text, int start, int length) =>
        new(code, message, paragraph, start, length, Excerpt(text, start, length));

    private static string Excerpt(string text, int start, int length)
    {
        var from = Math.Max(0, start - ExcerptContext);
        var to = Math.Min(text.Length, start + Math.Min(length, MaxQuoted) + ExcerptContext);
        return (from > 0 ? "…" : "") + text[from..to].Trim() + (to < text.Length ? "…" : "");
    }

    private static string Quote(string text, int start, int length) =>
        length <= MaxQuoted ? text.Substring(start, length) : text.Substring(start, MaxQuoted) + "…";

    // Every pattern here runs in time linear in the paragraph: repetitions are bounded ({0,40}, {0,200}) or a single
    // character class followed by a fixed test, so a failed match gives back at most one run. The hostile texts in
    // HostileTextTests (300,000 "x", "<", "#", "（", …) keep it so.
    private static IEnumerable<FindingDraft> InParagraph(int index, string text, CancellationToken ct)
    {
        foreach (Match m in PasteMarker().Matches(text))
        {
            ct.ThrowIfCancellationRequested();
            yield return At(CheckCodes.PasteMarker, $"“{Quote(text, m.Index, m.Length)}”是从其他系统粘贴带入的标记，请删除。", index, text, m.Index, m.Length);
        }
        foreach (Match m in HtmlTag().Matches(text))
            yield return At(CheckCodes.HtmlTag, $"“{Quote(text, m.Index, m.Length)}”是网页代码，请删除。", index, text, m.Index, m.Length);
        foreach (var span in Placeholders(text, ct))
        {
            ct.ThrowIfCancellationRequested();
            yield return At(CheckCodes.Placeholder, PlaceholderMessage(text, span.Start, span.Length), index, text, span.Start, span.Length);
        }
        foreach (Match m in MissingNumber().Matches(text))
            yield return At(CheckCodes.MissingNumber, $"“{m.Value}”前似乎缺少数字，请核对。", index, text, m.Index, m.Length);
    }

    private readonly record struct Span(int Start, int Length)
    {
        public int End => Start + Length;
    }

    /// <summary>Placeholder spans of one paragraph, neighbours joined ("x+x+x", "xxx.xx" is one finding).</summary>
    private static List<Span> Placeholders(string text, CancellationToken ct)
    {
        var spans = new List<Span>();
        foreach (Match m in LatinX().Matches(text))
        {
            ct.ThrowIfCancellationRequested();
            if (!IsLegitimateX(text, m)) spans.Add(new Span(m.Index, m.Length));
        }
        foreach (var regex in new[] { XInsideLatinToken(), DatePlaceholder(), Stars(), Underscores(), EmptyBrackets(), SomeSome(), Circles() })
        {
            ct.ThrowIfCancellationRequested();
            foreach (Match m in regex.Matches(text))
                spans.Add(new Span(m.Index, m.Length));
        }
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var joined = new List<Span>();
        foreach (var span in spans)
        {
            if (joined.Count > 0)
            {
                var last = joined[^1];
                var gap = span.Start - last.End;
                if (gap <= 0 || (gap == 1 && ".．+＋-—、".Contains(text[last.End])))
                {
                    joined[^1] = new Span(last.Start, Math.Max(last.End, span.End) - last.Start);
                    continue;
                }
            }
            joined.Add(span);
        }
        return joined;
    }

    // "x光", "X射线", "x轴" are words; "3×4" and "1920x1080" are products or sizes.
    // Spans, not substrings: a paragraph of 150,000 "x " would otherwise copy the rest of the text 150,000 times.
    private static bool IsLegitimateX(string text, Match m)
    {
        if (m.Length != 1) return false;
        var after = text.AsSpan(m.Index + 1);
        if (LegitimateXWord().IsMatch(after)) return true;
        var before = text.AsSpan(0, m.Index).TrimEnd();
        after = after.TrimStart();
        return before.Length > 0 && char.IsAsciiDigit(before[^1]) && after.Length > 0 && char.IsAsciiDigit(after[0]);
    }

    private static string PlaceholderMessage(string text, int start, int length)
    {
        var value = text.AsSpan(start, length);
        var after = text.AsSpan(start + length);
        var before = text.AsSpan(0, start);
        var what = after.StartsWith("同志", StringComparison.Ordinal) ? "人名未填写"
            : after.StartsWith("大", StringComparison.Ordinal) && before.EndsWith("党的", StringComparison.Ordinal) ? "党代会届次未填写"
            : value.Contains('月') || after.StartsWith("月", StringComparison.Ordinal) || (after.StartsWith("日", StringComparison.Ordinal) && before.EndsWith("月", StringComparison.Ordinal))
              || (after.StartsWith("年", StringComparison.Ordinal) && (value.Length == 4 || (before.Length > 0 && char.IsAsciiDigit(before[^1])))) ? "日期未填写"
            : before.EndsWith("中共", StringComparison.Ordinal) || UnitSuffix().IsMatch(after) || start == 0 ? "单位名称未填写"
            : value.Trim("*＊").Length == 0 && !MeasureWord().IsMatch(after) ? "单位名称或内容未填写"
            : value.Trim("_＿").Length == 0 || value.StartsWith("（", StringComparison.Ordinal) || value.StartsWith("(", StringComparison.Ordinal) ? "空白处未填写"
            : "数字或内容未填写";
        return $"“{Quote(text, start, length)}”是待填写的占位符（{what}），提交前请补全。";
    }

    // One blank line between paragraphs is a habit; two or more in a row come from pasting.
    private static IEnumerable<FindingDraft> BlankRuns(IReadOnlyList<string> paragraphs)
    {
        var runStart = -1;
        for (var i = 1; i <= paragraphs.Count; i++)
        {
            var blank = i < paragraphs.Count && paragraphs[i].Trim().Length == 0;
            if (blank && runStart < 0) runStart = i;
            if (blank || runStart < 0) continue;
            if (i - runStart >= 2)
                yield return new FindingDraft(CheckCodes.BlankParagraphs,
                    $"连续出现{i - runStart}个空段落，可能是粘贴带入的，请删除多余空行。", runStart, 0, 0, "");
            runStart = -1;
        }
    }

    private static IEnumerable<FindingDraft> Numbering(IReadOnlyList<string> paragraphs)
    {
        var arabicStyles = new List<(int Index, string Separator)>();
        for (var i = 1; i < paragraphs.Count; i++)
        {
            var text = paragraphs[i].TrimStart(' ', '　', '\t', '\u00A0');
            var offset = paragraphs[i].Length - text.Length;
            var paren = ChineseParenNumber().Match(text);
            if (paren.Success && (paren.Groups["open"].Value != "（" || paren.Groups["close"].Value != "）"))
                yield return At(CheckCodes.NumberingPunctuation, $"序号“{paren.Value}”请统一使用全角括号“（）”。",
                    i, paragraphs[i], offset, paren.Length);
            var level1 = ChineseNumber().Match(text);
            if (level1.Success && level1.Groups["sep"].Value != "、")
                yield return At(CheckCodes.NumberingPunctuation, $"序号“{level1.Value}”后请使用顿号“、”。",
                    i, paragraphs[i], offset, level1.Length);
            var arabic = ArabicNumber().Match(text);
            if (arabic.Success) arabicStyles.Add((i, arabic.Groups["sep"].Value));
        }
        var usual = arabicStyles.GroupBy(a => a.Separator).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
        foreach (var (index, separator) in arabicStyles.Where(a => a.Separator != usual))
        {
            var text = paragraphs[index];
            var at = text.IndexOf(separator, StringComparison.Ordinal);
            yield return At(CheckCodes.NumberingPunctuation, $"数字序号后的“{separator}”与全文其他序号的“{usual}”不一致。",
                index, text, Math.Max(0, at - 2), Math.Min(text.Length, 3));
        }
    }

    private static IEnumerable<FindingDraft> Structure(IReadOnlyList<string> paragraphs, int year, int minimumLength)
    {
        var body = paragraphs.Skip(1).ToList();
        if (!body.Any(p => ProblemsSection().IsMatch(p) || IsHeadingAbout(p, ProblemsHeading())))
            yield return new FindingDraft(CheckCodes.NoProblemsSection,
                "报告缺少“存在的问题”部分（或同等内容），请写明工作中的问题和不足。", null, null, null, "");
        var nextYear = new Regex($@"(?<![0-9]){year + 1}年[，,]");
        if (!body.Any(p => NextStepsSection().IsMatch(p) || nextYear.IsMatch(p)))
            yield return new FindingDraft(CheckCodes.NoNextStepsSection,
                "报告缺少“下一步工作打算/整改措施”部分，请补充。", null, null, null, "");

        var title = paragraphs[0];
        var years = TitleYear().Matches(title).Select(m => (m, Year: ParseYear(m.Groups["y"].Value))).ToList();
        if (years.Count == 0)
            yield return new FindingDraft(CheckCodes.TitleYearMissing, $"标题中没有写明年度（应为{year}年）。", 0, 0, title.Length, title);
        else if (years.All(y => y.Year != year))
        {
            var first = years[0].m;
            yield return At(CheckCodes.TitleYearMismatch, $"标题中的年度“{first.Value}”与报告年度{year}年不一致。",
                0, title, first.Index, first.Length);
        }

        var length = body.Sum(p => p.Count(c => !char.IsWhiteSpace(c)));
        if (length < minimumLength)
            yield return new FindingDraft(CheckCodes.TooShort,
                $"正文只有{length}字，明显短于通常的报告（至少约{minimumLength}字），请检查是否完整。", null, null, null, "");
    }

    private static bool IsHeadingAbout(string paragraph, Regex about)
    {
        var text = paragraph.Trim();
        return text.Length is > 0 and <= 25 && about.IsMatch(text);
    }

    private static int ParseYear(string text)
    {
        const string digits = "〇一二三四五六七八九";
        var normalized = new string(text.Select(c => c == '零' ? '0' : digits.IndexOf(c) is var d and >= 0 ? (char)('0' + d) : c).ToArray());
        return int.TryParse(normalized, out var year) ? year : 0;
    }

    [GeneratedRegex(@"##[^#\n]{0,40}##")]
    private static partial Regex PasteMarker();

    [GeneratedRegex(@"</?(?:p|br|div|span|font|b|i|u|strong|em|table|tbody|tr|td|th|img|a|ul|ol|li|h[1-6]|o:p|w:[a-z]+|style|script)\b[^<>\n]{0,200}>|&(?:nbsp|amp|lt|gt|quot|ldquo|rdquo|mdash|hellip|#\d{2,5});",
        RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    // A run of x/X/× standing alone, i.e. not part of a Latin word such as "Excel".
    [GeneratedRegex(@"(?<![A-Za-z])[xX×]+(?![A-Za-z])")]
    private static partial Regex LatinX();

    // Placeholders glued to capitals: "PMx.x" (PM2.5), "xxUxx".
    [GeneratedRegex(@"(?<![A-Za-z])(?:x+[A-Z]+x+|[A-Z]{1,4}x+)(?![A-Za-z])")]
    private static partial Regex XInsideLatinToken();

    [GeneratedRegex(@"^(?:光|射线|线|轴)")]
    private static partial Regex LegitimateXWord();

    [GeneratedRegex(@"(?:[0-9xX×]{2,4}年)?[xX×]{1,2}月(?:[xX×]{1,2}日)?")]
    private static partial Regex DatePlaceholder();

    [GeneratedRegex(@"[*＊]+")]
    private static partial Regex Stars();

    [GeneratedRegex(@"[_＿]{2,}")]
    private static partial Regex Underscores();

    [GeneratedRegex(@"[（(][ 　\u00A0]*[）)]|(?<=\S)[ 　\u00A0]{3,}(?=\S)")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"^[个次件项名篇场部家条人位批期届]")]
    private static partial Regex MeasureWord();

    [GeneratedRegex(@"某某+")]
    private static partial Regex SomeSome();

    [GeneratedRegex(@"○{2,}")]
    private static partial Regex Circles();

    [GeneratedRegex(@"^(?:市|省|区|县|镇|乡|街道|海事法院|法院|检察院|局|委|厅|办|党组|党委|公司|集团|大学|学院|医院|单位|港|科技馆)")]
    private static partial Regex UnitSuffix();

    // "对余件规范性文件": the number before 余 was left out.
    [GeneratedRegex(@"(?<=[对共计约达])余[个次件项名篇场部家条]")]
    private static partial Regex MissingNumber();

    [GeneratedRegex(@"^(?<open>[（(])[一二三四五六七八九十]{1,3}(?<close>[）)])")]
    private static partial Regex ChineseParenNumber();

    [GeneratedRegex(@"^[一二三四五六七八九十]{1,3}(?<sep>[、,，.．：:])(?!是)")]
    private static partial Regex ChineseNumber();

    [GeneratedRegex(@"^[0-9０-９]{1,2}(?<sep>[.．、,，])(?![0-9０-９])")]
    private static partial Regex ArabicNumber();

    [GeneratedRegex(@"存在的?(?:主要)?问题[：:]|问题(?:和|与|及)不足|不足之处|还(?:有|存在)(?:一定|一些|不少)?的?(?:不足|差距|短板|薄弱)")]
    private static partial Regex ProblemsSection();

    [GeneratedRegex(@"问题|不足|差距|短板")]
    private static partial Regex ProblemsHeading();

    [GeneratedRegex(@"下一步|下步工作|整改措施|今后(?:工作|打算|一个时期)|接下来|工作打算|努力方向")]
    private static partial Regex NextStepsSection();

    [GeneratedRegex(@"(?<y>(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})年")]
    private static partial Regex TitleYear();
}
