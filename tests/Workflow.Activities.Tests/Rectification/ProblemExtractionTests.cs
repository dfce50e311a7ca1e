using Workflow.Activities.Rectification;

namespace Workflow.Activities.Tests.Rectification;

/// <summary>Extraction of problems and matching measures, on every real sample and on the numbering styles they do not use.</summary>
public sealed class ProblemExtractionTests
{
    private static string SamplesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "samples");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/samples not found above " + AppContext.BaseDirectory);
    }

    private static string Sample(string name) => File.ReadAllText(Path.Combine(SamplesDirectory(), name));

    // Counted by reading each sample (problems, measures the proposals carry, measures the next steps enumerate):
    // haishi: "工作中存在的问题：一是…二是…三是…" (3), then 下一步 with 一是…五是: 5 measures for 3 problems, so none paired.
    // kexie: "工作中存在的问题和不足。一是…二是…三是…" (3), then in the same paragraph "接下来…一是…二是…三是" (3 paired).
    // shengtai: heading "二、存在的问题" with 一是…二是… (2), heading "三、下一步打算" with 一是…三是: 3 for 2, none paired.
    // jiguan-gongwei-speech: a speech, no problems section (0).
    // shiju-secretary: only "还有一定不足", no listed problems (0); the paragraph is noted.
    // unit-star-placeholders: "存在的问题不足" appears inside an achievement item, not as a problems section (0).
    public static TheoryData<string, int, int, int> Samples => new()
    {
        { "haishi-2023.txt", 3, 0, 5 },
        { "kexie-2023.txt", 3, 3, 3 },
        { "shengtai-2023.txt", 2, 0, 3 },
        { "jiguan-gongwei-speech-2023.txt", 0, 0, 0 },
        { "shiju-secretary-2023.txt", 0, 0, 0 },
        { "unit-star-placeholders-2023.txt", 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_yields_the_problems_it_lists(string file, int expected, int paired, int measures)
    {
        var found = ProblemExtractor.Read(Sample(file));
        Assert.Equal(expected, found.Proposals.Count);
        Assert.Equal(Enumerable.Range(1, expected), found.Proposals.Select(p => p.Number));
        Assert.All(found.Proposals, p => Assert.False(string.IsNullOrWhiteSpace(p.Problem)));
        Assert.Equal(paired, found.Proposals.Count(p => p.Measures.Length > 0));
        Assert.Equal(measures, found.Measures.Count);
    }

    [Fact]
    public void Every_sample_file_is_covered_by_the_theory()
    {
        var files = Directory.GetFiles(SamplesDirectory(), "*.txt").Select(f => Path.GetFileName(f)!).Order().ToList();
        var covered = Samples.Select(row => (string)row[0]).Order().ToList();
        Assert.Equal(files, covered);
    }

    [Fact]
    public void Haishi_three_problems_are_not_paired_with_its_five_measures()
    {
        var found = ProblemExtractor.Read(Sample("haishi-2023.txt"));
        var p = found.Proposals;
        Assert.StartsWith("学习运用习近平新时代中国特色社会主义思想的世界观方法论", p[0].Problem);
        Assert.EndsWith("需要在内化深化转化上持续用力。", p[0].Problem);
        Assert.StartsWith("党建引领海事司法工作的政治作用发挥还有提升空间", p[1].Problem);
        Assert.StartsWith("抓海事司法作风建设还缺乏持之以恒的韧劲", p[2].Problem);
        Assert.DoesNotContain("下一步", p[2].Problem);
        Assert.Equal((ProblemShape.Paragraph, MeasurePairing.CountMismatch), (found.Shape, found.Pairing));
        Assert.All(p, x => Assert.Equal("", x.Measures));
        Assert.StartsWith("充分认清全面从严治党永远在路上", found.Measures[0]);
        Assert.StartsWith("把管党治警成效体现到履职尽责、能动司法上", found.Measures[4]);
    }

    [Fact]
    public void Kexie_problems_stop_where_the_next_steps_begin_in_the_same_paragraph()
    {
        var p = ProblemExtractor.Extract(Sample("kexie-2023.txt"));
        Assert.Equal("运用党的创新理论解决实际问题的能力还有欠缺", p[0].Problem);
        Assert.Equal("服务科技创新、服务科技成果转化等的深度还不够", p[1].Problem);
        Assert.Equal("推动落实全面从严治党向纵深发展还需持续用力。", p[2].Problem);
        Assert.StartsWith("强化政治优势。", p[0].Measures);
        Assert.StartsWith("强化正风肃纪。", p[2].Measures);
    }

    [Fact]
    public void Shengtai_problems_under_a_heading_are_not_paired_with_three_measures_on_their_own_lines()
    {
        var found = ProblemExtractor.Read(Sample("shengtai-2023.txt"));
        var p = found.Proposals;
        Assert.StartsWith("理论学习深化内化转化能力还不高", p[0].Problem);
        Assert.StartsWith("主体责任压得还不够实", p[1].Problem);
        Assert.Equal((ProblemShape.Heading, MeasurePairing.CountMismatch), (found.Shape, found.Pairing));
        Assert.StartsWith("强化理论武装，巩固拓展主题教育成果。", found.Measures[0]);
        Assert.StartsWith("强化正风肃纪，持续净化优化政治生态。", found.Measures[2]);
    }

    [Fact]
    public void Arabic_numbered_problems_and_measures_are_found()
    {
        const string text = "一、工作情况\n今年完成了2项工作。\n二、存在的问题\n1.学习不够深入。\n2. 监督不够有力。\n三、整改措施\n1.加强学习。\n2.强化监督。\n";
        var p = ProblemExtractor.Extract(text);
        Assert.Equal(["学习不够深入。", "监督不够有力。"], p.Select(x => x.Problem));
        Assert.Equal(["加强学习。", "强化监督。"], p.Select(x => x.Measures));
    }

    [Fact]
    public void Parenthesised_numerals_are_found_and_fewer_measures_are_not_paired()
    {
        const string text = "二、存在的问题\n（一）制度执行不严。\n（二）作风建设有差距。\n（三）基层党建薄弱。\n三、下一步打算\n（一）严格执行制度。\n";
        var found = ProblemExtractor.Read(text);
        var p = found.Proposals;
        Assert.Equal(3, p.Count);
        Assert.Equal("基层党建薄弱。", p[2].Problem);
        Assert.All(p, x => Assert.Equal("", x.Measures));
        Assert.Equal(["严格执行制度。"], found.Measures);
    }

    [Fact]
    public void Shiju_only_admits_shortcomings_and_the_paragraph_is_noted()
    {
        var found = ProblemExtractor.Read(Sample("shiju-secretary-2023.txt"));
        Assert.Empty(found.Proposals);
        Assert.EndsWith("还有一定不足。", Assert.Single(found.Unlisted).Excerpt);
    }

    [Fact]
    public void A_report_without_a_problems_section_yields_nothing()
    {
        Assert.Empty(ProblemExtractor.Extract("一、工作情况\n一是加强学习。二是强化监督。\n二、下一步打算\n一是继续努力。"));
        Assert.Empty(ProblemExtractor.Extract(""));
    }
}
