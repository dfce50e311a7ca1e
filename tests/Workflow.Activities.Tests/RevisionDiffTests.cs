using Workflow.Activities.Reports.Diff;

namespace Workflow.Activities.Tests;

public class RevisionDiffTests
{
    [Fact]
    public void Sentences_split_on_chinese_stops_and_line_breaks_keeping_closing_quotes()
    {
        var sentences = Sentence.Split("标题", "第一句。第二句；“第三句！”第四句？\n第五句");
        Assert.Equal(["标题", "第一句。", "第二句；", "“第三句！”", "第四句？", "第五句"], sentences.Select(s => s.Text));
        Assert.Equal([0, 1, 1, 1, 1, 2], sentences.Select(s => s.Paragraph));
    }

    [Fact]
    public void A_filled_placeholder_shows_as_exactly_that_change()
    {
        var diff = RevisionDiff.Compute(1, "标题", "开展调研xx次。召开会议5次。", 2, "标题", "开展调研23次。召开会议5次。");
        var changed = Assert.Single(diff.Sentences, s => s.Kind != ChangeKind.Unchanged);
        Assert.Equal(ChangeKind.Modified, changed.Kind);
        Assert.Equal([new TextPiece(ChangeKind.Unchanged, "开展调研"), new TextPiece(ChangeKind.Deleted, "xx"), new TextPiece(ChangeKind.Unchanged, "次。")],
            changed.OldPieces);
        Assert.Equal([new TextPiece(ChangeKind.Unchanged, "开展调研"), new TextPiece(ChangeKind.Inserted, "23"), new TextPiece(ChangeKind.Unchanged, "次。")],
            changed.NewPieces);
        Assert.Equal("开展调研[-xx][+23]次。", string.Concat(changed.Inline().Select(p => p.Kind switch
        {
            ChangeKind.Deleted => $"[-{p.Text}]",
            ChangeKind.Inserted => $"[+{p.Text}]",
            _ => p.Text,
        })));
    }

    [Fact]
    public void Inserted_and_deleted_sentences_and_a_changed_title()
    {
        var diff = RevisionDiff.Compute(1, "旧标题", "甲。乙。丙。", 2, "新标题", "甲。丙。丁。");
        Assert.Equal([ChangeKind.Modified, ChangeKind.Unchanged, ChangeKind.Deleted, ChangeKind.Unchanged, ChangeKind.Inserted],
            diff.Sentences.Select(s => s.Kind));
        Assert.Equal((1, 1, 1), (diff.Modified, diff.Deleted, diff.Inserted));
        Assert.False(RevisionDiff.Compute(1, "标题", "甲。", 2, "标题", "甲。").HasChanges);
    }
}
