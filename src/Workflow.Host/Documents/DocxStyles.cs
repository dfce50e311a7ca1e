using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workflow.Host.Documents;

/// <summary>
/// The official layout (党政机关公文格式) as Word styles: title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号
/// with a two-character first-line indent and 28 pt lines, headings in 黑体 / 楷体_GB2312.
/// Fonts are only names; the reader's Word supplies them.
/// </summary>
public static class DocxStyles
{
    public const string ReportTitle = "ReportTitle";
    public const string Heading1 = "ReportHeading1";
    public const string Heading2 = "ReportHeading2";
    public const string Heading3 = "ReportHeading3";
    public const string CoverTitle = "CoverTitle";
    public const string TocTitle = "TocTitle";

    public const string BodyFont = "仿宋_GB2312";
    public const string TitleFont = "方正小标宋简体";

    public static Styles Create() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                Fonts("Times New Roman", BodyFont), new FontSize { Val = "32" }, new FontSizeComplexScript { Val = "32" },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new Indentation { FirstLineChars = 200, FirstLine = "640" }, new Justification { Val = JustificationValues.Both }))
        { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
        Paragraph(ReportTitle, "报告标题", 0, TitleFont, "44", centred: true),
        Paragraph(Heading1, "一级标题", 1, "黑体", "32", centred: false),
        Paragraph(Heading2, "二级标题", 2, "楷体_GB2312", "32", centred: false),
        Paragraph(Heading3, "三级标题", 3, BodyFont, "32", centred: false, bold: true),
        Paragraph(CoverTitle, "汇编封面标题", null, TitleFont, "52", centred: true),
        Paragraph(TocTitle, "目录标题", null, "黑体", "36", centred: true));

    private static Style Paragraph(string id, string name, int? outline, string font, string size, bool centred, bool bold = false)
    {
        var paragraph = new StyleParagraphProperties();
        if (centred)
        {
            paragraph.Append(new SpacingBetweenLines { Line = outline == 0 ? "720" : "560", LineRule = LineSpacingRuleValues.Exact, After = "560" });
            paragraph.Append(new Indentation { FirstLineChars = 0, FirstLine = "0" });
            paragraph.Append(new Justification { Val = JustificationValues.Center });
        }
        if (outline is { } level) paragraph.Append(new OutlineLevel { Val = level });
        var run = new StyleRunProperties(Fonts(font == BodyFont ? "Times New Roman" : font, font));
        if (bold) run.Append(new Bold());
        run.Append(new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(), paragraph, run)
        { Type = StyleValues.Paragraph, StyleId = id, CustomStyle = true };
    }

    private static RunFonts Fonts(string latin, string eastAsia) =>
        new() { Ascii = latin, HighAnsi = latin, EastAsia = eastAsia, ComplexScript = latin };
}
