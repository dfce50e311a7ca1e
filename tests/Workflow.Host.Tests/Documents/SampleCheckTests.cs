using Workflow.Activities.Reports.Checks;
using Workflow.Host.Documents;

namespace Workflow.Host.Tests.Documents;

/// <summary>
/// The checks on every real sample, with the findings written down from reading each one.
/// Placeholder counts were tallied by hand from the runs of x in each file (joined runs such as "x+x+x" count once).
/// </summary>
public class SampleCheckTests
{
    private static (ImportedDocument Doc, IReadOnlyList<CheckFinding> Findings) Check(string sample)
    {
        var doc = TextFileReader.Read(Samples.Bytes(sample), Workflow.Activities.Reports.ReportTextLimits.Default);
        return (doc, ReportChecker.Run(doc.Title ?? "", doc.Body, 2023));
    }

    private static string Placeholder(CheckFinding f, ImportedDocument doc)
    {
        var paragraph = f.Paragraph == 0 ? doc.Title! : doc.Paragraphs[f.Paragraph!.Value - 1];
        return paragraph.Substring(f.Start!.Value, f.Length!.Value);
    }

    private static Dictionary<string, int> Codes(IReadOnlyList<CheckFinding> findings) =>
        findings.GroupBy(f => f.Code).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Every_sample_is_checked()
    {
        var files = Directory.GetFiles(Samples.Directory).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["haishi-2023.txt", "jiguan-gongwei-speech-2023.txt", "kexie-2023.txt", "shengtai-2023.txt",
            "shiju-secretary-2023.txt", "unit-star-placeholders-2023.txt"], files);
    }

    [Fact]
    public void Secretary_report_has_paid_markers_and_the_unfilled_congress_number()
    {
        var (doc, findings) = Check("shiju-secretary-2023.txt");
        Assert.Equal(new Dictionary<string, int> { [CheckCodes.PasteMarker] = 2, [CheckCodes.Placeholder] = 5 }, Codes(findings));
        Assert.Equal(["##paidbegin##", "##paidend##"],
            findings.Where(f => f.Code == CheckCodes.PasteMarker).Select(f => Placeholder(f, doc)));
        var placeholders = findings.Where(f => f.Code == CheckCodes.Placeholder).ToList();
        Assert.Equal(4, placeholders.Count(f => f.Excerpt.Contains("XX大") && f.Message.Contains("党代会届次")));
        Assert.Contains(placeholders, f => f.Excerpt.Contains("举办XX期机关小讲堂"));
        Assert.All(findings, f => Assert.Equal(CheckSeverity.Error, f.Severity));
    }

    [Fact]
    public void Star_sample_uses_stars_for_the_unit_name_and_has_no_problems_section()
    {
        var (doc, findings) = Check("unit-star-placeholders-2023.txt");
        Assert.Null(doc.Title);
        Assert.Equal(new Dictionary<string, int>
        {
            [CheckCodes.Placeholder] = 6, [CheckCodes.MissingNumber] = 1,
            [CheckCodes.NoProblemsSection] = 1, [CheckCodes.TitleYearMissing] = 1,
        }, Codes(findings));
        var stars = findings.Where(f => f.Code == CheckCodes.Placeholder).ToList();
        Assert.Equal(["**", "*", "*", "*", "*", "*"], stars.Select(f => Placeholder(f, doc)));
        Assert.Contains(stars, f => f.Excerpt.Contains("**始终坚持") && f.Message.Contains("单位名称"));
        Assert.Contains(stars, f => f.Excerpt.Contains("下一步，*党组"));
        Assert.Contains("对余件规范性文件", Assert.Single(findings, f => f.Code == CheckCodes.MissingNumber).Excerpt);
    }

    [Fact]
    public void Court_report_has_placeholders_in_its_title_unit_name_and_numbers_but_a_sound_structure()
    {
        var (doc, findings) = Check("haishi-2023.txt");
        Assert.Equal(new Dictionary<string, int> { [CheckCodes.Placeholder] = 78 }, Codes(findings));
        var title = Assert.Single(findings, f => f.Paragraph == 0);
        Assert.Equal("xx", Placeholder(title, doc));
        Assert.Contains("单位名称未填写", title.Message);
        Assert.Equal(28 + 48 + 2, findings.Count);
    }

    [Fact]
    public void Science_association_report_joins_runs_like_x_plus_x_and_finds_xxUxx()
    {
        var (doc, findings) = Check("kexie-2023.txt");
        Assert.Equal(new Dictionary<string, int> { [CheckCodes.Placeholder] = 135 }, Codes(findings));
        var values = findings.Select(f => Placeholder(f, doc)).ToList();
        Assert.Contains("x+x+x", values);
        Assert.Contains("xxUxx", values);
        Assert.Equal(2, values.Count(v => v == "xxx.xx"));
        Assert.Contains(findings, f => f.Excerpt.Contains("举办xxxx年全国创新") && f.Message.Contains("日期"));
    }

    [Fact]
    public void Environment_report_has_a_stray_paid_marker_and_pm_placeholders()
    {
        var (doc, findings) = Check("shengtai-2023.txt");
        Assert.Equal(new Dictionary<string, int> { [CheckCodes.Placeholder] = 58, [CheckCodes.PasteMarker] = 1 }, Codes(findings));
        var values = findings.Select(f => Placeholder(f, doc)).ToList();
        Assert.Equal(2, values.Count(v => v == "PMx.x"));
        Assert.Contains("xx月xx日", values);
        Assert.Equal(2, findings.Count(f => f.Message.Contains("人名未填写")));
        Assert.Contains("##paidbegin##", values);
    }

    [Fact]
    public void Speech_is_not_a_report_it_lacks_a_title_problems_and_next_steps_but_has_no_placeholders()
    {
        var (doc, findings) = Check("jiguan-gongwei-speech-2023.txt");
        Assert.Null(doc.Title);
        Assert.Equal([CheckCodes.TitleYearMissing, CheckCodes.NoProblemsSection, CheckCodes.NoNextStepsSection],
            findings.Select(f => f.Code));
    }
}
