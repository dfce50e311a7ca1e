using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

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

/// <summary>A sentence-then-character diff of two revisions of a report (title included as paragraph 0).</summary>
public sealed record RevisionDiff(int From, int To, IReadOnlyList<SentenceChange> Sentences)
{
    public int Inserted => Sentences.Count(s => s.Kind == ChangeKind.Inserted);
    public int Deleted => Sentences.Count(s => s.Kind == ChangeKind.Deleted);
    public int Modified => Sentences.Count(s => s.Kind == ChangeKind.Modified);
    public bool HasChanges => Sentences.Any(s => s.Kind != ChangeKind.Unchanged);

    public static RevisionDiff Between(ReportRevision from, ReportRevision to) =>
        Compute(from.Number, from.Title, from.Body, to.Number, to.Title, to.Body);

    public static RevisionDiff Compute(int fromNumber, string oldTitle, string oldBody, int toNumber, string newTitle, string newBody)
    {
        var oldSentences = Sentence.Split(oldTitle, oldBody);
        var newSentences = Sentence.Split(newTitle, newBody);
        var result = Differ.Instance.CreateDiffs(Sentence.Join(oldSentences), Sentence.Join(newSentences), false, false, SentenceChunker.Instance);
        var rows = new List<SentenceChange>();
        int a = 0, b = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++, b++) rows.Add(Same(oldSentences[a], newSentences[b]));
            var paired = Math.Min(block.DeleteCountA, block.InsertCountB);
            for (var k = 0; k < paired; k++) rows.Add(Changed(oldSentences[a + k], newSentences[b + k]));
            for (var k = paired; k < block.DeleteCountA; k++)
                rows.Add(new SentenceChange(ChangeKind.Deleted, oldSentences[a + k].Paragraph, oldSentences[a + k].Text, null,
                    [new TextPiece(ChangeKind.Deleted, oldSentences[a + k].Text)], []));
            for (var k = paired; k < block.InsertCountB; k++)
                rows.Add(new SentenceChange(ChangeKind.Inserted, newSentences[b + k].Paragraph, null, newSentences[b + k].Text,
                    [], [new TextPiece(ChangeKind.Inserted, newSentences[b + k].Text)]));
            a += block.DeleteCountA;
            b += block.InsertCountB;
        }
        for (; a < oldSentences.Count && b < newSentences.Count; a++, b++) rows.Add(Same(oldSentences[a], newSentences[b]));
        return new RevisionDiff(fromNumber, toNumber, rows);
    }

    private static SentenceChange Same(Sentence old, Sentence @new) =>
        new(ChangeKind.Unchanged, @new.Paragraph, old.Text, @new.Text,
            [new TextPiece(ChangeKind.Unchanged, old.Text)], [new TextPiece(ChangeKind.Unchanged, @new.Text)]);

    private static SentenceChange Changed(Sentence old, Sentence @new)
    {
        var chars = Differ.Instance.CreateDiffs(old.Text, @new.Text, false, false, CharacterChunker.Instance);
        return new SentenceChange(ChangeKind.Modified, @new.Paragraph, old.Text, @new.Text,
            Pieces(old.Text, chars, oldSide: true), Pieces(@new.Text, chars, oldSide: false));
    }

    private static List<TextPiece> Pieces(string text, DiffResult chars, bool oldSide)
    {
        var pieces = new List<TextPiece>();
        var kind = oldSide ? ChangeKind.Deleted : ChangeKind.Inserted;
        var at = 0;
        foreach (var block in chars.DiffBlocks)
        {
            var start = oldSide ? block.DeleteStartA : block.InsertStartB;
            var count = oldSide ? block.DeleteCountA : block.InsertCountB;
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

    /// <summary>Feeds DiffPlex the sentences we already cut, one chunk each.</summary>
    private sealed class SentenceChunker : IChunker
    {
        public static readonly SentenceChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text) => text.Length == 0 ? [] : text.Split(Sentence.Separator);
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
        if (text.Trim().Length > 0) sentences.Add(new Sentence(paragraph, text));
    }

    internal static string Join(List<Sentence> sentences) => string.Join(Separator, sentences.Select(s => s.Text));
}
