using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace Workflow.Activities.Reports.Diff;

/// <summary>Deleted old items and inserted new items between two unchanged runs; one side may be empty.</summary>
internal readonly record struct Block(int OldStart, int OldCount, int NewStart, int NewCount);

/// <summary>The blocks that turn one sequence into another, and whether they are exact or a coarse stand-in.</summary>
internal sealed record Alignment(IReadOnlyList<Block> Blocks, bool Coarse);

/// <summary>
/// Diffs whose cost is known before they run. DiffPlex (Myers) takes time in proportion to length × edits, so two
/// 200,000-character texts that share nothing cost minutes; here every call either fits a stated budget or gives a
/// coarser, still truthful answer. Common prefix and suffix are cut first: DiffPlex does the same as its first step,
/// so what remains to diff is the same and the exact results do not change.
/// </summary>
internal static class BoundedDiff
{
    /// <summary>
    /// Longest middle (after cutting the common ends), per side, that gets a character diff. Two 2,000-character middles
    /// that share nothing take DiffPlex 20–30 ms on the 2-core reference machine; a sentence of a real report is rarely
    /// over 300 characters, so every real sentence stays exact.
    /// </summary>
    public const int MaxCharacterMiddle = 2_000;

    /// <summary>
    /// Character work allowed in one revision diff, counted as (old middle + new middle)² per sentence pair — DiffPlex's
    /// worst case. About 15 pairs of 2,000-character middles that share nothing (≈ 0.4 s); a whole 300,000-character report
    /// rewritten in 100-character sentences needs about half of it.
    /// </summary>
    public const long CharacterWorkBudget = 250_000_000;

    /// <summary>Changed middles up to this many sentences (both sides together) go to DiffPlex as before: at worst 4,000² steps.</summary>
    public const int ExactSentenceMiddle = 4_000;

    /// <summary>Beyond that, Myers steps allowed: (sentences in the middle) × (edits searched); about 0.1 s.</summary>
    public const long SentenceWorkBudget = 50_000_000;

    /// <summary>Most sentence edits searched for in a long middle; bounds the memory of the search to (edits)² integers.</summary>
    public const int MaxSentenceEdits = 1_000;

    /// <summary>Aligns two lists of sentences; beyond the budget the changed middle becomes one coarse block.</summary>
    public static Alignment Sentences(IReadOnlyList<string> old, IReadOnlyList<string> @new, CancellationToken ct)
    {
        var (a, b) = Ids(old, @new, ct);
        var prefix = CommonPrefix(a, b);
        var suffix = CommonSuffix(a, b, prefix);
        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        if (n == 0 && m == 0) return new Alignment([], false);
        if (n == 0 || m == 0) return new Alignment([new Block(prefix, n, prefix, m)], false);
        if (n + m <= ExactSentenceMiddle)
        {
            var result = Differ.Instance.CreateDiffs(Join(old, prefix, n), Join(@new, prefix, m), false, false, SentenceChunker.Instance);
            return new Alignment(Shift(result, prefix), false);
        }
        var maxEdits = (int)Math.Clamp(SentenceWorkBudget / (n + m), 1, MaxSentenceEdits);
        var blocks = Myers(a.AsSpan(prefix, n), b.AsSpan(prefix, m), maxEdits, prefix, ct);
        return blocks is null ? new Alignment([new Block(prefix, n, prefix, m)], true) : new Alignment(blocks, false);
    }

    /// <summary>
    /// Character blocks of one sentence pair, charged to <paramref name="budget"/>. A middle over
    /// <see cref="MaxCharacterMiddle"/>, or past the budget, is one coarse block: deleted whole, inserted whole.
    /// </summary>
    public static Alignment Characters(string old, string @new, ref long budget)
    {
        var prefix = CommonPrefix(old.AsSpan(), @new.AsSpan());
        var suffix = CommonSuffix(old.AsSpan(), @new.AsSpan(), prefix);
        var n = old.Length - prefix - suffix;
        var m = @new.Length - prefix - suffix;
        if (n == 0 && m == 0) return new Alignment([], false);
        if (n == 0 || m == 0) return new Alignment([new Block(prefix, n, prefix, m)], false);
        // Middles with no character in common are one replacement, as DiffPlex would find; this spares it the
        // set-up for the many one-word changes ("甲。" → "乙。").
        if (n <= 8 && m <= 8 && old.AsSpan(prefix, n).IndexOfAny(@new.AsSpan(prefix, m)) < 0)
            return new Alignment([new Block(prefix, n, prefix, m)], false);
        var cost = (long)(n + m) * (n + m);
        if (n > MaxCharacterMiddle || m > MaxCharacterMiddle || cost > budget)
            return new Alignment([new Block(prefix, n, prefix, m)], true);
        budget -= cost;
        var result = Differ.Instance.CreateDiffs(old.Substring(prefix, n), @new.Substring(prefix, m), false, false, CharacterChunker.Instance);
        return new Alignment(Shift(result, prefix), false);
    }

    private static List<Block> Shift(DiffResult result, int offset) =>
        result.DiffBlocks.Select(d => new Block(d.DeleteStartA + offset, d.DeleteCountA, d.InsertStartB + offset, d.InsertCountB)).ToList();

    /// <summary>Each distinct sentence as a number, so that comparing two is one integer comparison.</summary>
    private static (int[] Old, int[] New) Ids(IReadOnlyList<string> old, IReadOnlyList<string> @new, CancellationToken ct)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return (Number(old), Number(@new));

        int[] Number(IReadOnlyList<string> sentences)
        {
            var numbers = new int[sentences.Count];
            for (var i = 0; i < numbers.Length; i++)
            {
                if ((i & 1023) == 0) ct.ThrowIfCancellationRequested();
                if (!ids.TryGetValue(sentences[i], out numbers[i])) ids[sentences[i]] = numbers[i] = ids.Count;
            }
            return numbers;
        }
    }

    private static int CommonPrefix<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : IEquatable<T> => a.CommonPrefixLength(b);

    private static int CommonPrefix(int[] a, int[] b) => a.AsSpan().CommonPrefixLength(b);

    private static int CommonSuffix<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int prefix) where T : IEquatable<T>
    {
        var length = 0;
        var most = Math.Min(a.Length, b.Length) - prefix;
        while (length < most && a[a.Length - 1 - length].Equals(b[b.Length - 1 - length])) length++;
        return length;
    }

    private static int CommonSuffix(int[] a, int[] b, int prefix) => CommonSuffix<int>(a, b, prefix);

    private static string Join(IReadOnlyList<string> sentences, int start, int count) =>
        string.Join(Sentence.Separator, Enumerable.Range(start, count).Select(i => sentences[i]));

    /// <summary>
    /// Myers' greedy diff stopped after <paramref name="maxEdits"/> edits (null then). Time is (n + m) × edits at most and
    /// memory (edits)², since the furthest point of each diagonal is kept per edit count to trace the path back.
    /// </summary>
    private static List<Block>? Myers(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int maxEdits, int offset, CancellationToken ct)
    {
        int n = a.Length, m = b.Length;
        var v = new int[2 * maxEdits + 3];
        var center = maxEdits + 1;
        var trace = new List<int[]>();
        for (var d = 0; d <= maxEdits; d++)
        {
            ct.ThrowIfCancellationRequested();
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[center + k - 1] < v[center + k + 1]) ? v[center + k + 1] : v[center + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }
                v[center + k] = x;
                if (x < n || y < m) continue;
                trace.Add(v[(center - d)..(center + d + 1)]);
                return Trace(trace, n, m, offset);
            }
            trace.Add(v[(center - d)..(center + d + 1)]);
        }
        return null;
    }

    /// <summary>Walks the edit path back from the end and returns the blocks between its diagonal runs, in order.</summary>
    private static List<Block> Trace(List<int[]> trace, int n, int m, int offset)
    {
        var runs = new List<(int X, int Y, int Length)>();
        int x = n, y = m;
        for (var d = trace.Count - 1; d > 0; d--)
        {
            var previous = trace[d - 1];
            var k = x - y;
            // previous[i] is diagonal i - (d - 1).
            var down = k == -d || (k != d && previous[k - 1 + d - 1] < previous[k + 1 + d - 1]);
            var fromK = down ? k + 1 : k - 1;
            var fromX = previous[fromK + d - 1];
            var fromY = fromX - fromK;
            var (startX, startY) = down ? (fromX, fromY + 1) : (fromX + 1, fromY);
            if (x > startX) runs.Add((startX, startY, x - startX));
            (x, y) = (fromX, fromY);
        }
        if (x > 0) runs.Add((0, 0, x));
        runs.Reverse();

        var blocks = new List<Block>();
        int oldAt = 0, newAt = 0;
        foreach (var run in runs)
        {
            if (run.X > oldAt || run.Y > newAt) blocks.Add(new Block(offset + oldAt, run.X - oldAt, offset + newAt, run.Y - newAt));
            (oldAt, newAt) = (run.X + run.Length, run.Y + run.Length);
        }
        if (oldAt < n || newAt < m) blocks.Add(new Block(offset + oldAt, n - oldAt, offset + newAt, m - newAt));
        return blocks;
    }

    /// <summary>Feeds DiffPlex the sentences we already cut, one chunk each.</summary>
    private sealed class SentenceChunker : IChunker
    {
        public static readonly SentenceChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text) => text.Length == 0 ? [] : text.Split(Sentence.Separator);
    }
}
