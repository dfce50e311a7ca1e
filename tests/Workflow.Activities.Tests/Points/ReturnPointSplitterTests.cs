using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Points;

namespace Workflow.Activities.Tests.Points;

/// <summary>A return comment is split into the points it enumerates, whatever numbering the reviewer used.</summary>
public sealed class ReturnPointSplitterTests
{
    [Theory]
    [InlineData("1. 第二部分缺少具体事例。\n2. 存在的问题过于笼统。\n3. 整改措施没有时限。")]
    [InlineData("1．第二部分缺少具体事例；2．存在的问题过于笼统；3．整改措施没有时限。")]
    [InlineData("1、第二部分缺少具体事例。2、存在的问题过于笼统。3、整改措施没有时限。")]
    [InlineData("1）第二部分缺少具体事例；2）存在的问题过于笼统；3）整改措施没有时限。")]
    [InlineData("（1）第二部分缺少具体事例（2）存在的问题过于笼统（3）整改措施没有时限。")]
    [InlineData("一、第二部分缺少具体事例。\n二、存在的问题过于笼统。\n三、整改措施没有时限。")]
    [InlineData("（一）第二部分缺少具体事例。（二）存在的问题过于笼统。（三）整改措施没有时限。")]
    [InlineData("一是第二部分缺少具体事例；二是存在的问题过于笼统；三是整改措施没有时限。")]
    [InlineData("①第二部分缺少具体事例；②存在的问题过于笼统；③整改措施没有时限。")]
    [InlineData("第一，第二部分缺少具体事例。第二，存在的问题过于笼统。第三，整改措施没有时限。")]
    public void Each_numbering_shape_gives_one_point_per_number(string comment)
    {
        var split = ReturnPointSplitter.Split(comment);

        Assert.Equal(3, split.Points.Count);
        Assert.StartsWith("第二部分缺少具体事例", split.Points[0]);
        Assert.StartsWith("存在的问题过于笼统", split.Points[1]);
        Assert.StartsWith("整改措施没有时限", split.Points[2]);
        Assert.All(split.Points, p => Assert.DoesNotMatch("[；;]$", p));
    }

    [Fact]
    public void The_words_before_the_first_number_are_the_preamble()
    {
        var split = ReturnPointSplitter.Split("经审核，请按以下意见修改：一是查摆问题不够具体，二是整改措施缺少时限。");

        Assert.Equal("经审核，请按以下意见修改", split.Preamble);
        Assert.Equal(["查摆问题不够具体", "整改措施缺少时限。"], split.Points);
    }

    [Fact]
    public void A_comment_that_enumerates_nothing_is_one_point()
    {
        var split = ReturnPointSplitter.Split("  存在的问题部分过于笼统，请结合本单位实际重新撰写。 ");

        Assert.Equal("", split.Preamble);
        Assert.Equal(["存在的问题部分过于笼统，请结合本单位实际重新撰写。"], split.Points);
    }

    [Theory]
    [InlineData("请于2025年3月底前修改完毕。")]
    [InlineData("第3.5条的表述不准确，统一是指全局统一。")]
    [InlineData("1. 只有一条编号的意见。")]
    public void Numbers_inside_sentences_or_a_lone_number_do_not_split(string comment)
    {
        Assert.Single(ReturnPointSplitter.Split(comment).Points);
    }

    [Fact]
    public void Inner_numbering_stays_inside_its_outer_point()
    {
        var split = ReturnPointSplitter.Split(
            "1. 存在的问题需充实：（1）意识形态工作；（2）作风建设。\n2. 下一步打算：一是压实责任，二是加强监督。");

        Assert.Equal(2, split.Points.Count);
        Assert.Contains("（2）作风建设", split.Points[0]);
        Assert.Contains("二是加强监督", split.Points[1]);
    }

    [Fact]
    public void A_skipped_number_still_splits_and_a_repeated_one_stays_text()
    {
        var split = ReturnPointSplitter.Split("1. 甲问题。\n2. 乙问题。\n4. 丁问题。\n2. 这里的编号是笔误。");

        Assert.Equal(["甲问题。", "乙问题。", "丁问题。\n2. 这里的编号是笔误。"], split.Points);
    }

    [Fact]
    public void Numbering_that_does_not_start_at_one_is_not_a_list()
    {
        Assert.Single(ReturnPointSplitter.Split("3. 丙问题。4. 丁问题。").Points);
    }

    [Fact]
    public void Chinese_numbers_past_ten_are_read()
    {
        var comment = string.Concat(Enumerable.Range(1, 12).Select(i => $"{Chinese(i)}是问题{i}；"));

        var split = ReturnPointSplitter.Split(comment);

        Assert.Equal(12, split.Points.Count);
        Assert.Equal("问题12", split.Points[11]);
    }

    [Fact]
    public void Points_past_the_limit_stay_together_in_the_last_one()
    {
        var comment = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"{i}. 问题{i}"));

        var split = ReturnPointSplitter.Split(comment);

        Assert.Equal(PointDialogue.MaxPoints, split.Points.Count);
        Assert.StartsWith("问题20", split.Points[^1]);
        Assert.EndsWith("问题30", split.Points[^1]);
    }

    [Fact]
    public void A_comment_longer_than_a_comment_may_be_is_refused()
    {
        var refusal = Assert.Throws<WorkflowRuleException>(() => ReturnPointSplitter.Split(new string('改', Report.MaxCommentLength + 1)));

        Assert.Equal("comment-too-long", refusal.Code);
    }

    [Fact]
    public void A_long_comment_of_many_numbers_splits_quickly()
    {
        var comment = string.Concat(Enumerable.Range(1, 400).Select(i => "1. 2. ")).PadRight(Report.MaxCommentLength, '。')[..Report.MaxCommentLength];
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var split = ReturnPointSplitter.Split(comment);

        Assert.True(watch.ElapsedMilliseconds < 1000);
        Assert.InRange(split.Points.Count, 1, PointDialogue.MaxPoints);
    }

    private static string Chinese(int n) => n switch
    {
        <= 10 => "一二三四五六七八九十"[n - 1].ToString(),
        _ => "十" + "一二三四五六七八九"[n - 11],
    };
}
