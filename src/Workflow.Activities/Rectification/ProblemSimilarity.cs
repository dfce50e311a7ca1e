using System.Text;
using System.Text.RegularExpressions;

namespace Workflow.Activities.Rectification;

/// <summary>
/// The character bigrams of one problem text after <see cref="ProblemSimilarity.Normalize"/>, sorted and distinct, so two
/// texts compare by one merge. Built once per text and reused for every comparison.
/// </summary>
public sealed class ProblemFingerprint
{
    internal ProblemFingerprint(int[] bigrams) => Bigrams = bigrams;

    /// <summary>Each bigram as (first char &lt;&lt; 16 | second char), ascending.</summary>
    internal int[] Bigrams { get; }

    public int Count => Bigrams.Length;
}

/// <summary>
/// Whether two problem texts name the same problem (问题反弹): a similarity for Chinese without word segmentation or any service.
/// Texts are normalised (full width to half width, numbering such as 一是/（一）/1. and every punctuation mark and space
/// removed), cut into character bigrams, the bigrams every problem sentence is made of (不够, 存在, 个别, 有待…) dropped, and
/// compared by the Dice coefficient of the two sets. Cost is bounded: at most <see cref="MaxCharacters"/> characters of a text
/// are read, so one comparison is one merge of at most that many bigrams.
/// </summary>
public static partial class ProblemSimilarity
{
    /// <summary>Characters of a normalised text that are compared; a problem is a sentence or two, the rest adds nothing.</summary>
    public const int MaxCharacters = 400;

    /// <summary>
    /// Dice at or above this is "the same problem". Chosen on the 48 labelled pairs of the tests (near-duplicates, rewordings,
    /// same-topic-but-different and unrelated problems): copies edited from year to year score 0.54 to 0.83, rewordings 0.25 to
    /// 0.69, different problems 0 to 0.28 (same topic) and at most 0.16 (unrelated). 0.3 keeps every different problem out and
    /// finds 21 of 24 same problems (precision 1.0, recall 0.875, asserted in ProblemSimilarityTests).
    /// </summary>
    public const double Threshold = 0.3;

    /// <summary>
    /// Bigrams of the wording every problem is written in, not of its subject: counting them would make any two problems
    /// look alike. Kept short and generic on purpose; subject words (学习, 监督, 保密…) stay.
    /// </summary>
    private static readonly HashSet<int> Filler = Words(
        "不够 够深 够到 够严 够规 够及 够充 够全 够紧 够明 还不 不到 到位 存在 在一 一定 还有 有待 待加 待提 待健 待进 问题 个别 部分 " +
        "工作 现象 情况 进一 一步 仍有 仍然 仍存 还需 需要 不强 不高 不严 不足 较少 不多 方面 差距 加强 提高 有所 不同 同程 程度 " +
        "意识 不及 及时 不规 规范 不明 明显 做得 得不 的问 的现 的情 的能 能力 用力 持续");

    // 一是 二是 …, 其一, 第一, （一）(一) 1. 1、 (1) ①: numbering that says where a problem stood, not what it is.
    [GeneratedRegex(@"[一二三四五六七八九十]+是|其[一二三四五六七八九十]+[，,、]?|第[一二三四五六七八九十]+[，,、]|[（(][一二三四五六七八九十\d]+[)）]|(?<!\d)\d{1,2}[.、．](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩]")]
    private static partial Regex Numbering();

    /// <summary>The text as compared: half width, lower case, numbering and punctuation and spaces removed, cut at <see cref="MaxCharacters"/>.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Read a bounded prefix: numbering and punctuation rarely take more than half of a text.
        var head = text.Length > MaxCharacters * 2 ? text[..(MaxCharacters * 2)] : text;
        // Normalize throws on a lone surrogate or a noncharacter (U+FFFE); such characters say nothing about a problem.
        var valid = string.Concat(head.Where(c => !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF')));
        var wide = valid.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var stripped = Numbering().Replace(wide, " ");
        var kept = new StringBuilder(Math.Min(stripped.Length, MaxCharacters));
        foreach (var c in stripped)
        {
            if (kept.Length == MaxCharacters) break;
            if (char.IsLetterOrDigit(c)) kept.Append(c);
        }
        return kept.ToString();
    }

    public static ProblemFingerprint Fingerprint(string? text) =>
        new(ToBigrams(Normalize(text)).Where(b => !Filler.Contains(b)).Order().ToArray());

    /// <summary>Dice coefficient of the two texts' bigram sets, 0 to 1; 0 when either has no bigram left.</summary>
    public static double Score(string? a, string? b) => Score(Fingerprint(a), Fingerprint(b));

    public static double Score(ProblemFingerprint a, ProblemFingerprint b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        int i = 0, j = 0, shared = 0;
        var x = a.Bigrams;
        var y = b.Bigrams;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j]) { shared++; i++; j++; }
            else if (x[i] < y[j]) i++;
            else j++;
        }
        return 2.0 * shared / (x.Length + y.Length);
    }

    public static bool AreSimilar(ProblemFingerprint a, ProblemFingerprint b) => Score(a, b) >= Threshold;

    private static HashSet<int> ToBigrams(string text)
    {
        var set = new HashSet<int>();
        for (var k = 0; k + 1 < text.Length; k++) set.Add(text[k] << 16 | text[k + 1]);
        return set;
    }

    private static HashSet<int> Words(string words) => words.Split(' ').SelectMany(ToBigrams).ToHashSet();
}
