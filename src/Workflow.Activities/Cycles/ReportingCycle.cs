using Workflow.Activities.Reminders;

namespace Workflow.Activities.Cycles;

/// <summary>A reporting cycle (e.g. "2025年度"): the year reported on, the due date and the units that must report.</summary>
public sealed class ReportingCycle
{
    public const int MaxNameLength = 50;

    private readonly List<ReportingCycleUnit> _units = [];

    private ReportingCycle() { }

    public ReportingCycle(Guid id, string name, int year, DateOnly dueDate, IEnumerable<Guid> unitIds, ReminderPolicy policy,
        string openedById, DateTimeOffset openedAt)
    {
        Policy = policy.Validated();
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A cycle needs a name.", nameof(name));
        if (name.Trim().Length > MaxNameLength) throw new ArgumentException($"A cycle's name has at most {MaxNameLength} characters.", nameof(name));
        if (!SupportedYears.Contains(year)) throw new ArgumentOutOfRangeException(nameof(year));
        Id = id;
        Name = name.Trim();
        Year = year;
        DueDate = dueDate;
        OpenedById = openedById;
        OpenedAt = openedAt;
        _units.AddRange(unitIds.Distinct().Select(u => new ReportingCycleUnit(id, u)));
        if (_units.Count == 0) throw new ArgumentException("A cycle needs at least one unit.", nameof(unitIds));
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The year the reports are about.</summary>
    public int Year { get; private set; }

    /// <summary>The day (China time) by which every unit must have submitted.</summary>
    public DateOnly DueDate { get; private set; }
    /// <summary>The reminder policy of this cycle: reports of its units, their review steps and rectification items follow it.</summary>
    public ReminderPolicy Policy { get; private set; } = ReminderPolicy.Default;

    public string OpenedById { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public IReadOnlyList<ReportingCycleUnit> Units => _units;

    /// <summary>Adds a unit created after the cycle was opened; false when it already takes part.</summary>
    public bool AddUnit(Guid unitId)
    {
        if (_units.Any(u => u.UnitId == unitId)) return false;
        _units.Add(new ReportingCycleUnit(Id, unitId));
        return true;
    }

    /// <summary>Edits the cycle and says what changed (nothing changed: <see cref="CycleEdit.IsEmpty"/>); the units never become none.</summary>
    public CycleEdit Edit(string name, DateOnly dueDate, IReadOnlyCollection<Guid> unitIds, ReminderPolicy policy)
    {
        policy = policy.Validated();
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A cycle needs a name.", nameof(name));
        if (name.Trim().Length > MaxNameLength) throw new ArgumentException($"A cycle's name has at most {MaxNameLength} characters.", nameof(name));
        var wanted = unitIds.Distinct().ToList();
        if (wanted.Count == 0) throw new ArgumentException("A cycle needs at least one unit.", nameof(unitIds));
        var added = wanted.Where(id => _units.All(u => u.UnitId != id)).ToList();
        var removed = _units.Select(u => u.UnitId).Where(id => !wanted.Contains(id)).ToList();
        var edit = new CycleEdit(
            name.Trim() == Name ? null : (Name, name.Trim()),
            dueDate == DueDate ? null : (DueDate, dueDate),
            added, removed, !SamePolicy(policy, Policy));
        Name = name.Trim();
        DueDate = dueDate;
        Policy = policy;
        _units.RemoveAll(u => removed.Contains(u.UnitId));
        foreach (var id in added) _units.Add(new ReportingCycleUnit(Id, id));
        return edit;
    }

    // The policy's day lists are arrays, which a record compares by reference: compare them by content.
    private static bool SamePolicy(ReminderPolicy a, ReminderPolicy b) =>
        a.Submission with { DaysBefore = b.Submission.DaysBefore } == b.Submission && a.Submission.DaysBefore.SequenceEqual(b.Submission.DaysBefore)
        && a.Review with { WorkingDaysBefore = b.Review.WorkingDaysBefore } == b.Review && a.Review.WorkingDaysBefore.SequenceEqual(b.Review.WorkingDaysBefore)
        && a.Rectification with { DaysBefore = b.Rectification.DaysBefore } == b.Rectification
        && a.Rectification.DaysBefore.SequenceEqual(b.Rectification.DaysBefore);
}

/// <summary>What one edit of a cycle changed: the journal of the cycle is written from it.</summary>
public sealed record CycleEdit((string From, string To)? Name, (DateOnly From, DateOnly To)? DueDate,
    IReadOnlyList<Guid> AddedUnits, IReadOnlyList<Guid> RemovedUnits, bool PolicyChanged)
{
    public bool IsEmpty => Name is null && DueDate is null && AddedUnits.Count == 0 && RemovedUnits.Count == 0 && !PolicyChanged;
}

/// <summary>A unit taking part in a cycle.</summary>
public sealed class ReportingCycleUnit
{
    private ReportingCycleUnit() { }

    public ReportingCycleUnit(Guid cycleId, Guid unitId)
    {
        CycleId = cycleId;
        UnitId = unitId;
    }

    public Guid CycleId { get; private set; }
    public Guid UnitId { get; private set; }
}
