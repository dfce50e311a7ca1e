using Workflow.Activities.Rectification;
using Xunit.Abstractions;

namespace Workflow.Activities.Tests.Rectification;

/// <summary>
/// 问题反弹 similarity on labelled pairs written like the problems of real reports (Samples/similar-problems.tsv): the threshold
/// must find near-duplicates and most rewordings, and never call a different problem of the same topic the same.
/// </summary>
public sealed class ProblemSimilarityTests(ITestOutputHelper output)
{
    /// <summary>The bars the threshold is held to on the labelled pairs.</summary>
    private const double MinPrecision = 0.95;
    private const double MinRecall = 0.8;

    private sealed record Pair(string Label, string Earlier, string Later)
    {
        public bool Same => Label is "same" or "reword";
    }

    private static List<Pair> Pairs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "tests", "Workflow.Activities.Tests", "Rectification", "Samples", "similar-problems.tsv");
            if (File.Exists(file))
                return File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith('#'))
                    .Select(l => l.Split('\t')).Select(p => new Pair(p[0], p[1], p[2])).ToList();
        }
        throw new FileNotFoundException("similar-problems.tsv not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_labelled_pairs_cover_every_kind_at_least_forty_in_all()
    {
        var pairs = Pairs();
        Assert.True(pairs.Count >= 40, $"{pairs.Count} pairs");
        foreach (var label in new[] { "same", "reword", "topic", "other" })
            Assert.True(pairs.Count(p => p.Label == label) >= 10, label);
    }

    [Fact]
    public void Precision_and_recall_on_the_labelled_pairs_meet_the_bar()
    {
        var pairs = Pairs();
        var truePositives = 0;
        var falsePositives = 0;
        var falseNegatives = 0;
        foreach (var pair in pairs)
        {
            var score = ProblemSimilarity.Score(pair.Earlier, pair.Later);
            var found = score >= ProblemSimilarity.Threshold;
            output.WriteLine($"{pair.Label,-6} {score:0.000} {(found == pair.Same ? "ok " : "MISS")} {pair.Later}");
            if (found && pair.Same) truePositives++;
            else if (found) falsePositives++;
            else if (pair.Same) falseNegatives++;
        }
        var precision = (double)truePositives / (truePositives + falsePositives);
        var recall = (double)truePositives / (truePositives + falseNegatives);
        output.WriteLine($"threshold {ProblemSimilarity.Threshold}: precision {precision:0.000}, recall {recall:0.000} on {pairs.Count} pairs");
        Assert.True(precision >= MinPrecision, $"precision {precision:0.000}");
        Assert.True(recall >= MinRecall, $"recall {recall:0.000}");
        // Every near-duplicate is found: a copied problem is what 问题反弹 is mostly about.
        Assert.All(pairs.Where(p => p.Label == "same"), p => Assert.True(ProblemSimilarity.Score(p.Earlier, p.Later) >= ProblemSimilarity.Threshold, p.Later));
    }

    [Theory]
    [InlineData("一是学习不够深入。", "学习深入")]
    [InlineData("（二）ＡＢＣ１２３， 学习", "abc123学习")]
    [InlineData("1. 学习；2、调研", "学习调研")]
    [InlineData("其一，学习。第二，调研", "学习调研")]
    [InlineData("学\uFFFE习\uD800调研\uFFFF", "学习调研")]
    public void Normalising_drops_numbering_punctuation_spaces_and_width(string text, string expected)
    {
        // 不够 is filler only for the bigrams; normalising keeps every letter.
        Assert.Equal(expected, ProblemSimilarity.Normalize(text).Replace("不够", ""));
    }

    [Fact]
    public void A_text_is_read_only_up_to_its_cap_so_a_long_one_costs_no_more()
    {
        var huge = string.Concat(Enumerable.Repeat("党组理论学习中心组学习不够深入，", 100_000));
        Assert.Equal(ProblemSimilarity.MaxCharacters, ProblemSimilarity.Normalize(huge).Length);
        Assert.True(ProblemSimilarity.Fingerprint(huge).Count <= ProblemSimilarity.MaxCharacters);
    }

    [Fact]
    public void Identical_texts_score_one_and_empty_or_filler_only_texts_match_nothing()
    {
        const string text = "保密工作存在薄弱环节，涉密载体管理不够规范。";
        Assert.Equal(1.0, ProblemSimilarity.Score(text, "（一）" + text));
        Assert.Equal(0, ProblemSimilarity.Score("", text));
        Assert.Equal(0, ProblemSimilarity.Score("不够到位。", "还不够到位"));
    }
}
