using System.Collections.Concurrent;

namespace Workflow.Host.Identity;

/// <summary>
/// The user scopes this node built (<see cref="UserContext"/>: roles, posts, covered units, today's principals), each kept under
/// the <see cref="DirectoryVersion"/> stamp read before it was built and the China day it was built for. A scope is used again
/// only while both still hold, so a change on any node (a new post, a moved unit, a delegation) is seen by the next request.
/// </summary>
public sealed class UserScopeCache
{
    /// <summary>More accounts than any one 机关 has; past it the cache starts over rather than grow.</summary>
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(Guid Stamp, DateOnly Day, UserContext Scope);

    public UserContext? Find(string userId, Guid stamp, DateOnly day) =>
        _entries.TryGetValue(userId, out var entry) && entry.Stamp == stamp && entry.Day == day ? entry.Scope : null;

    public void Keep(string userId, Guid stamp, DateOnly day, UserContext scope)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[userId] = new Entry(stamp, day, scope);
    }
}
