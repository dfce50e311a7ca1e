namespace Workflow.Activities.Rectification;

/// <summary>A match of a problem among earlier items, with its Dice score.</summary>
public sealed record ProblemMatch<T>(T Item, double Score);

/// <summary>
/// 问题反弹: a unit's problem that comes back in a later year. Everything compares one unit's items with the same unit's items of
/// earlier years by <see cref="ProblemSimilarity"/>, within bounds the callers load by: at most <see cref="MaxCompared"/> earlier
/// items, the latest first, so one check costs at most that many merges of at most 400 bigrams however many years accumulate.
/// </summary>
public static class ProblemRecurrence
{
    /// <summary>Earlier items of one unit a problem is compared with (its most recent ones).</summary>
    public const int MaxCompared = 500;

    /// <summary>Matches shown beside a problem: the best three.</summary>
    public const int MaxShown = 3;

    /// <summary>The earlier items at or above the threshold, best first (ties: the later year first), at most <see cref="MaxShown"/>.</summary>
    public static IReadOnlyList<ProblemMatch<T>> Matches<T>(ProblemFingerprint problem, IEnumerable<(T Item, int Year, ProblemFingerprint Fingerprint)> earlier) =>
        earlier.Take(MaxCompared)
            .Select(e => (e.Item, e.Year, Score: ProblemSimilarity.Score(problem, e.Fingerprint)))
            .Where(m => m.Score >= ProblemSimilarity.Threshold)
            .OrderByDescending(m => m.Score).ThenByDescending(m => m.Year)
            .Take(MaxShown).Select(m => new ProblemMatch<T>(m.Item, Math.Round(m.Score, 3))).ToList();

    /// <summary>
    /// One unit's items grouped by the same problem across years: items are linked when similar and of different years, and a
    /// group is what the links join (so A~B in 2023/2024 and B~C in 2024/2025 is one problem over three years). Only groups
    /// spanning at least two years are returned, each oldest first; quadratic in the items, so callers pass a bounded list.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<T>> Groups<T>(IReadOnlyList<(T Item, int Year, ProblemFingerprint Fingerprint)> items,
        CancellationToken ct = default)
    {
        var parent = Enumerable.Range(0, items.Count).ToArray();
        int Root(int k)
        {
            while (parent[k] != k) k = parent[k] = parent[parent[k]];
            return k;
        }
        for (var a = 0; a < items.Count; a++)
        {
            ct.ThrowIfCancellationRequested();
            for (var b = a + 1; b < items.Count; b++)
                if (items[a].Year != items[b].Year && ProblemSimilarity.AreSimilar(items[a].Fingerprint, items[b].Fingerprint))
                    parent[Root(a)] = Root(b);
        }
        return Enumerable.Range(0, items.Count).GroupBy(Root)
            .Select(g => g.Select(k => items[k]).OrderBy(i => i.Year).ToList())
            .Where(g => g.Select(i => i.Year).Distinct().Count() > 1)
            .OrderByDescending(g => g.Max(i => i.Year)).ThenByDescending(g => g.Count)
            .Select(g => (IReadOnlyList<T>)g.Select(i => i.Item).ToList()).ToList();
    }

    /// <summary>How many of a unit's items of one year are similar to at least one of its items of earlier years.</summary>
    public static int CountRecurring(IEnumerable<ProblemFingerprint> thisYear, IReadOnlyList<ProblemFingerprint> earlier, CancellationToken ct = default)
    {
        var compared = earlier.Take(MaxCompared).ToList();
        return thisYear.Count(problem =>
        {
            ct.ThrowIfCancellationRequested();
            return compared.Any(e => ProblemSimilarity.AreSimilar(problem, e));
        });
    }
}
