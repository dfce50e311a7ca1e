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
