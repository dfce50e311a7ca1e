using Workflow.Activities.Reports.Checks;

namespace Workflow.Activities.Tests;

public class ReportCheckerTests
{
    private const string Title = "市局党组2023年落实全面从严治党主体责任情况报告";

    // A body that passes the structure checks, so each test sees only what it adds.
    private static readonly string Complete = string.Join('\n',
        "一、主要工作", new string('学', 1600) + "。", "二、存在的问题", "理论学习还不够深入。", "三、下一步打算", "持续用力。");

    private static IReadOnlyList<CheckFinding> Check(string paragraph) =>
        ReportChecker.Run(Title, paragraph + "\n" + Complete, 2023);

    private static List<string> Placeholders(string paragraph) =>
        Check(paragraph).Where(f => f.Code == CheckCodes.Placeholder).Select(f => f.Excerpt).ToList();

    [Fact]
    public void A_complete_report_has_no_findings() => Assert.Empty(ReportChecker.Run(Title, Complete, 2023));

    [Theory]
    [InlineData("制作PPT课件10个，开发APP一款，用Excel统计台账。")]
    [InlineData("组织职工进行x光体检，购置X射线安检机。")]
    [InlineData("会议室屏幕为1920x1080，展板3×4米。")]
    [InlineData("二〇〇八年建成，被评为“十佳文化长廊”（2022年）。")]
    [InlineData("开展“xbox”主题活动，落实Taxi管理规定。")]
    public void Legitimate_latin_text_and_numbers_raise_no_alarm(string paragraph) =>
        Assert.Empty(Check(paragraph));

    [Theory]
    [InlineData("开展专题调研x次。", "x")]
    [InlineData("召开党组会xx次。", "xx")]
    [InlineData("征集意见xxx条。", "xxx")]
    [InlineData("学习党的XX大精神。", "XX")]
    [InlineData("3×发文。", "×")]
    [InlineData("**始终坚持政治建设。", "**")]
    [InlineData("检查*部法律法规。", "*")]
    [InlineData("检查＊部法律法规。", "＊")]
    [InlineData("于X月X日召开。", "X月X日")]
    [InlineData("截至20xx年x月底。", "20xx年x月")]
    [InlineData("报送单位：________。", "________")]
    [InlineData("某某同志带头讲党课。", "某某")]
    [InlineData("全市PMx.x同比下降。", "PMx.x")]
    [InlineData("推进“x+x+x”行动。", "x+x+x")]
    [InlineData("中共xx海事法院党组。", "xx")]
    public void Placeholders_are_found_exactly(string paragraph, string placeholder)
    {
        var finding = Assert.Single(Check(paragraph), f => f.Code == CheckCodes.Placeholder);
        Assert.Equal(CheckSeverity.Error, finding.Severity);
        Assert.Equal(1, finding.Paragraph);
        Assert.Equal(placeholder, paragraph.Substring(finding.Start!.Value, finding.Length!.Value)[..placeholder.Length]);
        Assert.Contains("占位符", finding.Message);
    }

    [Fact]
    public void The_message_says_what_is_missing()
    {
        Assert.Contains("人名未填写", Assert.Single(Check("xx同志亲自部署。")).Message);
        Assert.Contains("单位名称未填写", Assert.Single(Check("中共xx市委召开会议。")).Message);
        Assert.Contains("党代会届次未填写", Assert.Single(Check("学习党的XX大精神。")).Message);
    }

    [Fact]
    public void Paste_artefacts_are_errors()
    {
        var findings = Check("巩固##paidbegin##提高的工作闭环<br/>，落实&nbsp;要求。");
        Assert.Equal([CheckCodes.PasteMarker, CheckCodes.HtmlTag, CheckCodes.HtmlTag], findings.Select(f => f.Code));
        Assert.Equal("##paidbegin##", "巩固##paidbegin##提高".Substring(findings[0].Start!.Value, findings[0].Length!.Value));
    }

    [Fact]
    public void Two_blank_paragraphs_in_a_row_are_a_warning_one_is_not()
    {
        Assert.Empty(Check("第一段。\n\n第二段。"));
        var finding = Assert.Single(Check("第一段。\n\n\n第二段。"));
        Assert.Equal((CheckCodes.BlankParagraphs, CheckSeverity.Warning, 2), (finding.Code, finding.Severity, finding.Paragraph!.Value));
    }

    [Fact]
    public void Mixed_numbering_punctuation_is_a_warning()
    {
        var findings = Check("(一)加强学习。\n一，加强领导。\n1.第一项。\n2.第二项。\n3．第三项。");
        Assert.Equal(3, findings.Count(f => f.Code == CheckCodes.NumberingPunctuation));
        Assert.All(findings, f => Assert.Equal(CheckSeverity.Warning, f.Severity));
        Assert.Empty(Check("（一）加强学习。\n一是加强领导。\n1.第一项。\n2.第二项。"));
    }

    [Fact]
    public void Structure_checks_find_missing_sections_wrong_year_and_a_short_text()
    {
        var codes = ReportChecker.Run("市局党组2022年落实全面从严治党主体责任情况报告", "一、主要工作\n做了很多工作。", 2023)
            .Select(f => f.Code).ToList();
        Assert.Equal([CheckCodes.TitleYearMismatch, CheckCodes.NoProblemsSection, CheckCodes.NoNextStepsSection, CheckCodes.TooShort],
            codes);
        Assert.Contains(ReportChecker.Run("市局党组落实全面从严治党主体责任情况报告", Complete, 2023), f => f.Code == CheckCodes.TitleYearMissing);
        Assert.Empty(ReportChecker.Run("市局党组二〇二三年落实全面从严治党主体责任情况报告", Complete, 2023));
    }

    [Fact]
    public void Severity_is_configurable_per_check()
    {
        var settings = new CheckSettings(new Dictionary<string, CheckSeverity> { [CheckCodes.Placeholder] = CheckSeverity.Warning });
        var finding = Assert.Single(ReportChecker.Run(Title, "召开党组会xx次。\n" + Complete, 2023, settings));
        Assert.Equal(CheckSeverity.Warning, finding.Severity);
    }
}
