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

/// <summary>The diff stays bounded whatever the texts: huge sentences, huge numbers of sentences, cancellation.</summary>
public class BoundedRevisionDiffTests
{
    private static string Cycle(string pattern, int length) =>
        string.Create(length, pattern, (chars, p) => { for (var i = 0; i < chars.Length; i++) chars[i] = p[i % p.Length]; });

    [Fact]
    public void Two_huge_sentences_that_share_nothing_are_one_modified_row_deleted_and_inserted_whole()
    {
        var old = Cycle("加强党的建设全面从严治党", 200_000);
        var @new = Cycle("落实主体责任压实监督职责", 200_000);

        var diff = RevisionDiff.Compute(1, "标题", old, 2, "标题", @new);

        var row = Assert.Single(diff.Sentences, s => s.Kind != ChangeKind.Unchanged);
        Assert.Equal(ChangeKind.Modified, row.Kind);
        Assert.Equal([new TextPiece(ChangeKind.Deleted, old)], row.OldPieces);
        Assert.Equal([new TextPiece(ChangeKind.Inserted, @new)], row.NewPieces);
        Assert.True(row.Coarse);
        Assert.True(diff.Coarse);
        Assert.True(diff.LongSentences);
        Assert.False(diff.CoarseAlignment);
    }

    [Fact]
    public void A_huge_sentence_keeps_the_start_and_end_it_shares_around_the_part_shown_whole()
    {
        var start = Cycle("加强党的建设", 1_000);
        var old = start + Cycle("甲乙", 5_000) + "。";
        var @new = start + Cycle("丙丁", 5_000) + "。";

        var row = Assert.Single(RevisionDiff.Compute(1, "标题", old, 2, "标题", @new).Sentences, s => s.Kind != ChangeKind.Unchanged);

        Assert.True(row.Coarse);
        Assert.Equal([new(ChangeKind.Unchanged, start), new(ChangeKind.Deleted, Cycle("甲乙", 5_000)), new TextPiece(ChangeKind.Unchanged, "。")],
            row.OldPieces);
        Assert.Equal([new(ChangeKind.Unchanged, start), new(ChangeKind.Inserted, Cycle("丙丁", 5_000)), new TextPiece(ChangeKind.Unchanged, "。")],
            row.NewPieces);
    }

    [Fact]
    public void A_small_change_inside_a_huge_sentence_is_still_shown_character_by_character()
    {
        var before = Cycle("加强党的建设", 100_000);
        var after = Cycle("全面从严治党", 100_000);

        var diff = RevisionDiff.Compute(1, "标题", before + "召开会议xx次" + after, 2, "标题", before + "召开会议23次" + after);

        var row = Assert.Single(diff.Sentences, s => s.Kind != ChangeKind.Unchanged);
        Assert.False(diff.Coarse);
        Assert.Equal([new(ChangeKind.Unchanged, before + "召开会议"), new(ChangeKind.Deleted, "xx"), new TextPiece(ChangeKind.Unchanged, "次" + after)],
            row.OldPieces);
    }

    [Fact]
    public void Sentence_pairs_past_the_character_budget_are_shown_whole_and_the_rest_stay_exact()
    {
        // 150 rewritten sentences of 1,999 characters: each fits the per-sentence bound, together they pass the budget.
        var random = new Random(1);
        string Sentence() => new string(Enumerable.Range(0, 1_999).Select(_ => (char)('一' + random.Next(3_000))).ToArray()) + "。";
        var old = string.Concat(Enumerable.Range(0, 150).Select(_ => Sentence()));
        var @new = string.Concat(Enumerable.Range(0, 150).Select(_ => Sentence()));

        var diff = RevisionDiff.Compute(1, "标题", old, 2, "标题", @new);

        Assert.Equal(150, diff.Modified);
        var whole = diff.Sentences.Count(s => s.Coarse);
        Assert.InRange(whole, 1, 149);
        Assert.All(diff.Sentences.Where(s => s.Coarse), s =>
            Assert.Equal([new(ChangeKind.Deleted, s.Old![..^1]), new TextPiece(ChangeKind.Unchanged, "。")], s.OldPieces));
        Assert.True(diff.LongSentences);
    }

    [Fact]
    public void A_few_changes_in_150000_sentences_are_found_exactly()
    {
        var sentences = Enumerable.Range(0, 150_000).Select(i => $"第{i}项工作。").ToList();
        var changed = sentences.ToList();
        changed[0] = "第0项工作已完成。";
        changed.RemoveAt(70_000);
        changed.Insert(100_000, "新增一项工作。");
        changed[^1] = "最后一项工作已完成。";

        var diff = RevisionDiff.Compute(1, "标题", string.Concat(sentences), 2, "标题", string.Concat(changed));

        Assert.False(diff.Coarse);
        Assert.Equal((2, 1, 1), (diff.Modified, diff.Deleted, diff.Inserted));
        Assert.Equal("第70000项工作。", Assert.Single(diff.Sentences, s => s.Kind == ChangeKind.Deleted).Old);
        Assert.Equal("新增一项工作。", Assert.Single(diff.Sentences, s => s.Kind == ChangeKind.Inserted).New);
    }

    [Fact]
    public void A_long_middle_within_the_edit_budget_is_aligned_exactly()
    {
        // 6,000 distinct sentences changed at both ends: the middle is past what goes to DiffPlex, the edits are few.
        var sentences = Enumerable.Range(0, 6_000).Select(i => $"第{i}句。").ToList();
        var changed = sentences.ToList();
        changed[0] = "改过的第一句。";
        changed.RemoveRange(1_000, 3);
        changed.Insert(3_000, "新增的一句。");
        changed[^1] = "改过的最后一句。";

        var diff = RevisionDiff.Compute(1, "标题", string.Concat(sentences), 2, "标题", string.Concat(changed));

        Assert.False(diff.Coarse);
        Assert.Equal((2, 3, 1), (diff.Modified, diff.Deleted, diff.Inserted));
        Assert.Equal(sentences.Prepend("标题"), diff.Sentences.Where(s => s.Kind != ChangeKind.Inserted).Select(s => s.Old));
        Assert.Equal(changed.Prepend("标题"), diff.Sentences.Where(s => s.Kind != ChangeKind.Deleted).Select(s => s.New));
    }

    [Fact]
    public void Too_many_changed_sentences_are_paired_in_order_and_still_reproduce_both_texts()
    {
        var old = Enumerable.Range(0, 150_000).Select(i => $"{i % 97}。").ToList();
        var @new = Enumerable.Range(0, 150_000).Select(i => $"{i * 31 % 97}。").ToList();

        var diff = RevisionDiff.Compute(1, "标题", string.Concat(old), 2, "标题", string.Concat(@new));

        Assert.True(diff.CoarseAlignment);
        Assert.True(diff.Coarse);
        Assert.Equal(150_001, diff.Sentences.Count);
        Assert.Equal(old.Prepend("标题"), diff.Sentences.Select(s => s.Old));
        Assert.Equal(@new.Prepend("标题"), diff.Sentences.Select(s => s.New));
        // Pairs that happen to be equal are shown as unchanged, not as a change.
        Assert.All(diff.Sentences.Where(s => s.Old == s.New), s => Assert.Equal(ChangeKind.Unchanged, s.Kind));
    }

    [Fact]
    public void A_cancelled_diff_stops_with_operation_canceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var old = Cycle("甲。", 300_000);
        var @new = Cycle("乙。", 300_000);

        Assert.ThrowsAny<OperationCanceledException>(() => RevisionDiff.Compute(1, "标题", old, 2, "标题", @new, cancelled.Token));
    }
}
