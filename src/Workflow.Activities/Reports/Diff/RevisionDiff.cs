namespace Workflow.Activities.Reports.Diff;

/// <summary>What happened to a sentence or a piece of one between two revisions.</summary>
public enum ChangeKind
{
    Unchanged,
    Inserted,
    Deleted,
    Modified,
}

/// <summary>A run of characters inside a sentence: unchanged, deleted (old side) or inserted (new side).</summary>
public sealed record TextPiece(ChangeKind Kind, string Text);

/// <summary>
/// One sentence row of a diff. Modified rows carry character-level pieces for both sides;
/// <see cref="Paragraph"/> is the paragraph of the new text (of the old one for deletions), 0 being the title.
/// </summary>
public sealed record SentenceChange(ChangeKind Kind, int Paragraph, string? Old, string? New,
    IReadOnlyList<TextPiece> OldPieces, IReadOnlyList<TextPiece> NewPieces)
{
    /// <summary>
    /// The changed part of this pair was too long for a character diff: it shows as deleted whole and inserted whole,
    /// between the unchanged start and end the two sentences share.
    /// </summary>
    public bool Coarse { get; init; }

    /// <summary>Both sides in reading order for the inline view: each deletion right before the insertion that replaces it.</summary>
    public IReadOnlyList<TextPiece> Inline()
    {
        var merged = new List<TextPiece>();
        int i = 0, j = 0;
        while (i < OldPieces.Count || j < NewPieces.Count)
        {
            while (i < OldPieces.Count && OldPieces[i].Kind != ChangeKind.Unchanged) merged.Add(OldPieces[i++]);
            while (j < NewPieces.Count && NewPieces[j].Kind != ChangeKind.Unchanged) merged.Add(NewPieces[j++]);
            if (j < NewPieces.Count) merged.Add(NewPieces[j]);
            i++;
            j++;
        }
        return merged;
    }
}

/// <summary>
/// A sentence-then-character diff of two revisions of a report (title included as paragraph 0). Its cost is bounded
/// whatever the texts (see <see cref="BoundedDiff"/>); where a bound was reached the result is <see cref="Coarse"/>.
/// </summary>
public sealed record RevisionDiff(int From, int To, IReadOnlyList<SentenceChange> Sentences)
{
    public int Inserted => Sentences.Count(s => s.Kind == ChangeKind.Inserted);
    public int Deleted => Sentences.Count(s => s.Kind == ChangeKind.Deleted);
    public int Modified => Sentences.Count(s => s.Kind == ChangeKind.Modified);
    public bool HasChanges => Sentences.Any(s => s.Kind != ChangeKind.Unchanged);

    /// <summary>
    /// Too many sentences changed for an exact alignment within the budget: the changed middle of the texts is
    /// paired sentence by sentence in order instead.
    /// </summary>
    public bool CoarseAlignment { get; init; }

    /// <summary>Some sentence is too long for a character diff (<see cref="SentenceChange.Coarse"/>).</summary>
    public bool LongSentences => Sentences.Any(s => s.Coarse);

    /// <summary>Part of the result was simplified to keep the diff fast; what it shows is still true, only less fine.</summary>
    public bool Coarse => CoarseAlignment || LongSentences;

    public static RevisionDiff Between(ReportRevision from, ReportRevision to, CancellationToken ct = default) =>
        Compute(from.Number, from.Title, from.Body, to.Number, to.Title, to.Body, ct);

    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the caller went away or timed out).</exception>
    public static RevisionDiff Compute(int fromNumber, string oldTitle, string oldBody, int toNumber, string newTitle, string newBody,
        CancellationToken ct = default)
    {
        var oldSentences = Sentence.Split(oldTitle, oldBody);
        var newSentences = Sentence.Split(newTitle, newBody);
        ct.ThrowIfCancellationRequested();
        var alignment = BoundedDiff.Sentences(oldSentences.ConvertAll(s => s.Text), newSentences.ConvertAll(s => s.Text), ct);
        var budget = BoundedDiff.CharacterWorkBudget;
        var rows = new List<SentenceChange>();
        int a = 0, b = 0;
        foreach (var block in alignment.Blocks)
        {
            for (; a < block.OldStart; a++, b++) rows.Add(Same(oldSentences[a], newSentences[b]));
            var paired = Math.Min(block.OldCount, block.NewCount);
            for (var k = 0; k < paired; k++)
            {
                ct.ThrowIfCancellationRequested();
                var (old, @new) = (oldSentences[a + k], newSentences[b + k]);
                // A coarse block pairs sentences by position, so some pairs are in fact the same sentence.
                rows.Add(alignment.Coarse && old.Text == @new.Text ? Same(old, @new) : Changed(old, @new, ref budget));
            }
            for (var k = paired; k < block.OldCount; k++)
                rows.Add(new SentenceChange(ChangeKind.Deleted, oldSentences[a + k].Paragraph, oldSentences[a + k].Text, null,
                    [new TextPiece(ChangeKind.Deleted, oldSentences[a + k].Text)], []));
            for (var k = paired; k < block.NewCount; k++)
                rows.Add(new SentenceChange(ChangeKind.Inserted, newSentences[b + k].Paragraph, null, newSentences[b + k].Text,
                    [], [new TextPiece(ChangeKind.Inserted, newSentences[b + k].Text)]));
            a += block.OldCount;
            b += block.NewCount;
        }
        for (; a < oldSentences.Count && b < newSentences.Count; a++, b++) rows.Add(Same(oldSentences[a], newSentences[b]));
        return new RevisionDiff(fromNumber, toNumber, rows) { CoarseAlignment = alignment.Coarse };
    }

    private static SentenceChange Same(Sentence old, Sentence @new) =>
        new(ChangeKind.Unchanged, @new.Paragraph, old.Text, @new.Text,
            [new TextPiece(ChangeKind.Unchanged, old.Text)], [new TextPiece(ChangeKind.Unchanged, @new.Text)]);

    private static SentenceChange Changed(Sentence old, Sentence @new, ref long budget)
    {
        var chars = BoundedDiff.Characters(old.Text, @new.Text, ref budget);
        return new SentenceChange(ChangeKind.Modified, @new.Paragraph, old.Text, @new.Text,
            Pieces(old.Text, chars.Blocks, oldSide: true), Pieces(@new.Text, chars.Blocks, oldSide: false)) { Coarse = chars.Coarse };
    }

    private static List<TextPiece> Pieces(string text, IReadOnlyList<Block> blocks, bool oldSide)
    {
        var pieces = new List<TextPiece>();
        var kind = oldSide ? ChangeKind.Deleted : ChangeKind.Inserted;
        var at = 0;
        foreach (var block in blocks)
        {
            var start = oldSide ? block.OldStart : block.NewStart;
            var count = oldSide ? block.OldCount : block.NewCount;
            Add(pieces, ChangeKind.Unchanged, text[at..start]);
            Add(pieces, kind, text.Substring(start, count));
            at = start + count;
        }
        Add(pieces, ChangeKind.Unchanged, text[at..]);
        return pieces;
    }

    private static void Add(List<TextPiece> pieces, ChangeKind kind, string text)
    {
        if (text.Length == 0) return;
        if (pieces.Count > 0 && pieces[^1].Kind == kind) pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        else pieces.Add(new TextPiece(kind, text));
    }
}

/// <summary>A sentence of a report text and the paragraph it belongs to.</summary>
public readonly record struct Sentence(int Paragraph, string Text)
{
    internal const char Separator = '\u001F';
    private static readonly char[] Ends = ['。', '；', '！', '？', ';', '!', '?'];

    /// <summary>Splits after 。；！？ and at line breaks; closing quotes stay with their sentence. Blank paragraphs give no sentence.</summary>
    public static List<Sentence> Split(string title, string body)
    {
        var sentences = new List<Sentence>();
        string[] paragraphs = [title, .. Report.NormalizeBody(body).Split('\n')];
        for (var p = 0; p < paragraphs.Length; p++)
        {
            var text = paragraphs[p].Replace(Separator, ' ');
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (Array.IndexOf(Ends, text[i]) < 0) continue;
                var end = i + 1;
                while (end < text.Length && "”’」』）)".Contains(text[end])) end++;
                Add(sentences, p, text[start..end]);
                start = end;
                i = end - 1;
            }
            Add(sentences, p, text[start..]);
        }
        return sentences;
    }

    private static void Add(List<Sentence> sentences, int paragraph, string text)
    {
        if (!string.IsNullOrWhiteSpace(text)) sentences.Add(new Sentence(paragraph, text));
    }
}
