using System.Collections.Concurrent;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Checks;

namespace Workflow.Host.Reports;

/// <summary>
/// The findings of the latest texts this node checked: a page view and every decision's answer show the checks of a text that
/// changes only with a new revision, so they are computed once per text, not once per request. A hit needs the very same title,
/// year and body (compared, not hashed) under the same settings; past <see cref="MaxTexts"/> texts or <see cref="MaxCharacters"/>
/// characters held the memo starts over, so long reports cannot make it grow past a few tens of megabytes.
/// </summary>
public sealed class CheckMemo
{
    public const int MaxTexts = 256;

    /// <summary>The bodies and titles the memo may keep alive in all (two bytes each).</summary>
    public const long MaxCharacters = 8_000_000;

    private long _characters;

    private sealed record Entry(string Title, int Year, string Body, CheckSettings Settings, IReadOnlyList<CheckFinding> Findings);

    private readonly ConcurrentDictionary<(Guid Report, int Revision), Entry> _entries = new();

    public IReadOnlyList<CheckFinding> FindingsOf(Report report, CheckSettings settings, CancellationToken ct)
    {
        var key = (report.Id, report.Revision);
        if (_entries.TryGetValue(key, out var known) && known.Year == report.Year && Same(known.Settings, settings)
            && string.Equals(known.Title, report.Title, StringComparison.Ordinal) && string.Equals(known.Body, report.Body, StringComparison.Ordinal))
            return known.Findings;
        var findings = report.Findings(settings, ct);
        var size = (long)report.Body.Length + report.Title.Length;
        if (_entries.Count >= MaxTexts || Interlocked.Add(ref _characters, size) > MaxCharacters)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _characters, size);
        }
        _entries[key] = new Entry(report.Title, report.Year, report.Body, settings, findings);
        return findings;
    }

    // Settings are rebuilt from the options on each call: equal when every severity and the minimum length are.
    private static bool Same(CheckSettings a, CheckSettings b) =>
        a.MinimumLength == b.MinimumLength && a.Severities.Count == b.Severities.Count
        && a.Severities.All(s => b.Severities.TryGetValue(s.Key, out var severity) && severity == s.Value);
}
