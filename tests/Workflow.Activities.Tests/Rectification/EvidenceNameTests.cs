using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;

namespace Workflow.Activities.Tests.Rectification;

/// <summary>The name an evidence file is kept under: the file name without a path, refused when it could mislead, never cut.</summary>
public sealed class EvidenceNameTests
{
    [Theory]
    [InlineData("整改报告.pdf", "整改报告.pdf")]
    [InlineData("  会议记录 （第2次）.docx ", "会议记录 （第2次）.docx")]
    [InlineData("", "佐证材料")]
    [InlineData(null, "佐证材料")]
    [InlineData("C:\\Users\\王丽\\整改报告.pdf", "整改报告.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    public void A_plain_name_is_kept_trimmed_and_of_a_path_only_the_file_name(string? given, string kept) => Assert.Equal(kept, EvidenceFile.CheckName(given));

    [Theory]
    [InlineData("..", "evidence-name-invalid")]
    [InlineData("../..", "evidence-name-invalid")]
    [InlineData("报告/", "evidence-name-invalid")]
    [InlineData("报告\u0000.pdf", "evidence-name-invalid")]
    [InlineData("报告\r\nSet-Cookie: x.pdf", "evidence-name-invalid")]
    [InlineData("整改\u202Efdp.exe", "evidence-name-invalid")]
    [InlineData("整改\u2066报告.pdf", "evidence-name-invalid")]
    public void A_name_without_a_file_name_or_with_control_or_direction_characters_is_refused(string name, string code)
    {
        var e = Assert.Throws<WorkflowRuleException>(() => EvidenceFile.CheckName(name));
        Assert.Equal((RuleViolation.Invalid, code, "file"), (e.Violation, e.Code, e.Field));
    }

    [Fact]
    public void A_name_over_the_limit_is_refused_not_cut()
    {
        Assert.Equal(EvidenceFile.MaxFileNameLength, EvidenceFile.CheckName(new string('长', EvidenceFile.MaxFileNameLength - 4) + ".pdf").Length);
        var e = Assert.Throws<WorkflowRuleException>(() => EvidenceFile.CheckName(new string('长', EvidenceFile.MaxFileNameLength) + ".pdf"));
        Assert.Equal(("evidence-name-too-long", "文件名超过200个字符，请改短后再上传。"), (e.Code, e.Message));
    }
}
