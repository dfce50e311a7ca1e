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

    // Counted by reading each sample:
    // haishi: "工作中存在的问题：一是…二是…三是…" (3), followed by 下一步 with 一是…五是 (5 measures).
    // kexie: "工作中存在的问题和不足。一是…二是…三是…" (3), then in the same paragraph "接下来…一是…二是…三是" (3 measures).
    // shengtai: heading "二、存在的问题" with 一是…二是… (2), heading "三、下一步打算" with 一是…三是 (3 measures).
    // jiguan-gongwei-speech: a speech, no problems section (0).
    // shiju-secretary: only "还有一定不足", no listed problems (0).
    // unit-star-placeholders: "存在的问题不足" appears inside an achievement item, not as a problems section (0).
    public static TheoryData<string, int> Samples => new()
    {
        { "haishi-2023.txt", 3 },
        { "kexie-2023.txt", 3 },
        { "shengtai-2023.txt", 2 },
        { "jiguan-gongwei-speech-2023.txt", 0 },
        { "shiju-secretary-2023.txt", 0 },
        { "unit-star-placeholders-2023.txt", 0 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_yields_the_problems_it_lists(string file, int expected)
    {
        var proposals = ProblemExtractor.Extract(Sample(file));
        Assert.Equal(expected, proposals.Count);
        Assert.Equal(Enumerable.Range(1, expected), proposals.Select(p => p.Number));
        Assert.All(proposals, p => Assert.False(string.IsNullOrWhiteSpace(p.Problem)));
    }

    [Fact]
    public void Every_sample_file_is_covered_by_the_theory()
    {
        var files = Directory.GetFiles(SamplesDirectory(), "*.txt").Select(f => Path.GetFileName(f)!).Order().ToList();
        var covered = Samples.Select(row => (string)row[0]).Order().ToList();
        Assert.Equal(files, covered);
    }

    [Fact]
    public void Haishi_problems_are_paired_with_the_measures_of_the_same_number()
    {
        var p = ProblemExtractor.Extract(Sample("haishi-2023.txt"));
        Assert.StartsWith("学习运用习近平新时代中国特色社会主义思想的世界观方法论", p[0].Problem);
        Assert.EndsWith("需要在内化深化转化上持续用力。", p[0].Problem);
        Assert.StartsWith("党建引领海事司法工作的政治作用发挥还有提升空间", p[1].Problem);
        Assert.StartsWith("抓海事司法作风建设还缺乏持之以恒的韧劲", p[2].Problem);
        Assert.DoesNotContain("下一步", p[2].Problem);
        Assert.StartsWith("充分认清全面从严治党永远在路上", p[0].Measures);
        Assert.StartsWith("贯彻新时代党的建设总要求", p[2].Measures);
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
    public void Shengtai_sections_under_headings_pair_problems_with_measures_on_their_own_lines()
    {
        var p = ProblemExtractor.Extract(Sample("shengtai-2023.txt"));
        Assert.StartsWith("理论学习深化内化转化能力还不高", p[0].Problem);
        Assert.StartsWith("主体责任压得还不够实", p[1].Problem);
        Assert.StartsWith("强化理论武装，巩固拓展主题教育成果。", p[0].Measures);
        Assert.StartsWith("强化党建引领，推动党建与业务深度融合。", p[1].Measures);
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
    public void Parenthesised_numerals_are_found_and_missing_measures_stay_empty()
    {
        const string text = "二、存在的问题\n（一）制度执行不严。\n（二）作风建设有差距。\n（三）基层党建薄弱。\n三、下一步打算\n（一）严格执行制度。\n";
        var p = ProblemExtractor.Extract(text);
        Assert.Equal(3, p.Count);
        Assert.Equal("基层党建薄弱。", p[2].Problem);
        Assert.Equal("严格执行制度。", p[0].Measures);
        Assert.Equal("", p[1].Measures);
    }

    [Fact]
    public void A_report_without_a_problems_section_yields_nothing()
    {
        Assert.Empty(ProblemExtractor.Extract("一、工作情况\n一是加强学习。二是强化监督。\n二、下一步打算\n一是继续努力。"));
        Assert.Empty(ProblemExtractor.Extract(""));
    }
}
