using System.Text;
using Workflow.Activities.Reports;
using Workflow.Host.Documents;

namespace Workflow.Host.Tests.Documents;

public class TextFileReaderTests
{
    static TextFileReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string Text = File.ReadAllText(Samples.PathOf("shiju-secretary-2023.txt"));

    [Fact]
    public void Gb18030_text_is_detected_and_decoded()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Text.Replace("\n", "\r\n"));
        var (decoded, encoding) = TextFileReader.Decode(bytes, ReportTextLimits.Default);
        Assert.Equal("GB18030", encoding);
        Assert.Equal(Text.Replace("\n", "\r\n"), decoded);
        var doc = TextFileReader.Read(bytes, ReportTextLimits.Default);
        Assert.Equal("市局党组书记2023年履行全面从严治党主体责任工作情况报告", doc.Title);
        Assert.Equal(TextFileReader.Read(Encoding.UTF8.GetBytes(Text), ReportTextLimits.Default).Paragraphs, doc.Paragraphs);
    }

    // A report can hold no control character (UserText); Word's .txt brings manual line breaks and page breaks as \v and \f.
    [Fact]
    public void Line_and_page_breaks_end_paragraphs_and_other_control_characters_are_dropped()
    {
        var doc = TextFileReader.Read(Encoding.UTF8.GetBytes("年度报告\n一、总体情况\v党组履行主体责任。\f二、存在的\u0001问题\u001b\n"),
            ReportTextLimits.Default);

        Assert.Equal("年度报告", doc.Title);
        Assert.Equal(["一、总体情况", "党组履行主体责任。", "二、存在的问题"], doc.Paragraphs);
    }

    [Theory]
    [InlineData("utf-8", "UTF-8")]
    [InlineData("utf-8-bom", "UTF-8")]
    [InlineData("utf-16", "UTF-16")]
    public void Unicode_text_is_read_as_unicode(string encodingName, string expected)
    {
        var bytes = encodingName switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(Text),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Text)],
            _ => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Text)],
        };
        var (decoded, encoding) = TextFileReader.Decode(bytes, ReportTextLimits.Default);
        Assert.Equal((expected, Text), (encoding, decoded));
    }

    [Fact]
    public void Binary_files_are_refused_with_a_chinese_message()
    {
        var e = Assert.Throws<WorkflowRuleException>(() => TextFileReader.Read([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], ReportTextLimits.Default));
        Assert.Equal(("file-not-text", "file"), (e.Code, e.Field));
        Assert.Contains("纯文本", e.Message);
    }
}
