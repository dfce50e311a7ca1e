using Workflow.Activities.Rectification;
using Workflow.Activities.Reports.Checks;

namespace Workflow.Activities.Tests;

/// <summary>
/// The checks and the problem extraction on 300,000-character texts built to hurt: each finishes (in time linear in the
/// text, measured in the bench) and says something sensible. A quadratic loop or a backtracking pattern shows as a hang.
/// </summary>
public class HostileTextTests
{
    private const int Size = 300_000;
    private const string Title = "市局党组2024年落实全面从严治党主体责任情况报告";

    private static string Repeat(string unit, int length = Size) =>
        string.Create(length, unit, (chars, u) => { for (var i = 0; i < chars.Length; i++) chars[i] = u[i % u.Length]; });

    public static TheoryData<string, string> Texts => new()
    {
        { "one sentence, no punctuation", Repeat("加强党的建设全面从严治党") },
        { "150,000 tiny sentences", Repeat("甲。") },
        { "300,000 x", Repeat("x") },
        { "x and a blank, 150,000 times", Repeat("x ") },
        { "一是 over and over", Repeat("一是") },
        { "nested brackets", Repeat("（") },
        { "angle brackets", Repeat("<") },
        { "hashes", Repeat("#") },
        { "存在问题 over and over", Repeat("存在问题") },
        { "存在问题 on 60,000 lines", Repeat("存在问题\n") },
        { "an opening bracket then blanks", "（" + Repeat(" ", Size - 1) },
    };

    /// <summary>What the checks find inside the text, code by count; the missing sections and the title are not counted.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> InText = new()
    {
        ["one sentence, no punctuation"] = [],
        ["150,000 tiny sentences"] = [],
        ["300,000 x"] = new() { [CheckCodes.Placeholder] = 1 },
        ["x and a blank, 150,000 times"] = new() { [CheckCodes.Placeholder] = 150_000 },
        ["一是 over and over"] = [],
        ["nested brackets"] = [],
        ["angle brackets"] = [],
        ["hashes"] = new() { [CheckCodes.PasteMarker] = 75_000 },
        ["存在问题 over and over"] = [],
        ["存在问题 on 60,000 lines"] = [],
        ["an opening bracket then blanks"] = new() { [CheckCodes.TooShort] = 1 },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_checks_finish_with_sensible_findings(string name, string text)
    {
        var findings = ReportChecker.Run(Title, text, 2024);

        var inText = findings.Where(f => f.Code is not (CheckCodes.NoProblemsSection or CheckCodes.NoNextStepsSection))
            .GroupBy(f => f.Code).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(InText[name], inText);
        // A finding quotes a short piece of what it found, never the whole 300,000 characters.
        Assert.DoesNotContain(findings, f => f.Message.Length + f.Excerpt.Length > 200);
    }

    [Fact]
    public void A_run_of_300000_x_is_one_placeholder_covering_the_run()
    {
        var finding = Assert.Single(ReportChecker.Run(Title, Repeat("x"), 2024), f => f.Code == CheckCodes.Placeholder);
        Assert.Equal((1, 0, Size), (finding.Paragraph, finding.Start, finding.Length));
        Assert.Contains("xxxx…", finding.Message);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Problem_extraction_finishes_and_finds_no_problems_where_none_are_listed(string name, string text) =>
        Assert.True(ProblemExtractor.Extract(text).Count == 0, name);

    [Fact]
    public void A_problems_section_followed_by_a_long_run_of_numbering_is_one_problem()
    {
        var proposal = Assert.Single(ProblemExtractor.Extract("存在的问题：" + Repeat("一是", Size - 6)));
        Assert.Equal(1, proposal.Number);
        Assert.StartsWith("一是一是", proposal.Problem);
    }

    [Fact]
    public void Markers_that_list_nothing_before_a_run_of_punctuation_give_no_problem()
    {
        Assert.Empty(ProblemExtractor.Extract(Repeat("存在问题", Size / 2) + "一是" + Repeat("，", Size / 2)));
        Assert.Empty(ProblemExtractor.Extract(Repeat("存在问题但是工作中还有很多方面做得不够好\n")));
    }

    [Fact]
    public void A_problem_after_many_fruitless_markers_is_still_found()
    {
        var text = Repeat("存在问题\n", Size / 2) + "三、下一步打算\n" + "存在的问题：一是学习不够深入；二是监督不够有力。\n下一步：一是深化学习；二是强化监督。";
        var proposals = ProblemExtractor.Extract(text);
        Assert.Equal(["学习不够深入", "监督不够有力。"], proposals.Select(p => p.Problem));
        Assert.Equal(["深化学习", "强化监督。"], proposals.Select(p => p.Measures));
    }

    [Fact]
    public void The_checks_and_the_extraction_stop_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ReportChecker.Run(Title, Repeat("x "), 2024, ct: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => ProblemExtractor.Extract(Repeat("存在问题\n"), cancelled.Token));
    }

    /// <summary>Self-criticism written to hurt: each text is read in bounded time (a quadratic scan of 300,000 characters would not finish) with a sensible answer.</summary>
    public static TheoryData<string, string, int> SelfCriticism => new()
    {
        { "one paragraph of twenty 15,000-character problems", "对照要求，还存在差距。" + string.Concat(Enumerable.Range(1, 20).Select(n => Numeral(n) + "是" + Repeat("学习不够深入", 15_000))), 20 },
        { "an admission then 30,000 item lines", "还存在差距：\n" + Repeat("一是学习不够。\n", Size), 1 },
        { "还存在差距，一是 over and over", Repeat("还存在差距，一是"), 1 },
        { "还有不足 on 50,000 lines", Repeat("还有不足。\n"), 0 },
        { "下一步 as 100,000 sentences", Repeat("下一步。"), 0 },
        { "full stops", Repeat("。"), 0 },
        { "an admission, then 一方面 over and over", "还存在不足：" + Repeat("一方面"), 1 },
        { "an admission, then 另一方面 over and over", "还存在不足：" + Repeat("另一方面"), 0 },
    };

    [Theory]
    [MemberData(nameof(SelfCriticism))]
    public async Task Self_criticism_written_to_hurt_is_read_in_bounded_time(string name, string text, int problems)
    {
        var found = await Task.Run(() => ProblemExtractor.Read(text)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(found.Proposals.Count == problems, $"{name}: {found.Proposals.Count}");
        Assert.True(found.Unlisted.Count <= 3, name);
        Assert.DoesNotContain(found.Unlisted, r => r.Excerpt.Length > 81);
    }

    private static string Numeral(int n) => n switch
    {
        <= 9 => "一二三四五六七八九"[n - 1].ToString(),
        10 => "十",
        < 20 => "十" + "一二三四五六七八九"[n - 11],
        _ => "二十",
    };
}
