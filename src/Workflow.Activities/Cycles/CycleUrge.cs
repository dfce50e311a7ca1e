namespace Workflow.Activities.Cycles;

/// <summary>
/// A 催办: someone urged whoever a unit's report waits for. Its <see cref="Key"/> (report or unit, step, China day) is unique,
/// so the same report at the same step is urged at most once a day, however often the button is pressed.
/// </summary>
public sealed class CycleUrge
{
    public const int MaxRecipientsLength = 500;

    private CycleUrge() { }

    public CycleUrge(Guid cycleId, Guid unitId, Guid? reportId, string step, DateOnly day, string byId, string byName, string recipients,
        DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        Key = KeyOf(cycleId, unitId, reportId, step, day);
        CycleId = cycleId;
        UnitId = unitId;
        ReportId = reportId;
        Step = step;
        Day = day;
        ById = byId;
        ByName = byName;
        Recipients = recipients.Length <= MaxRecipientsLength ? recipients : recipients[..(MaxRecipientsLength - 1)] + "…";
        At = at;
    }

    /// <summary>"urge:{report}:{step}:{day}" for a report at a step; "urge:{cycle}/{unit}:Submission:{day}" for a unit not yet reporting.</summary>
    public static string KeyOf(Guid cycleId, Guid unitId, Guid? reportId, string step, DateOnly day) =>
        $"urge:{(step == UnitStanding.SubmissionStep || reportId is null ? $"{cycleId:N}/{unitId:N}" : reportId.Value.ToString("N"))}:{step}:{day:yyyyMMdd}";

    public Guid Id { get; private set; }
    public string Key { get; private set; } = "";
    public Guid CycleId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid? ReportId { get; private set; }
    public string Step { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public string ById { get; private set; } = "";
    public string ByName { get; private set; } = "";

    /// <summary>Who was urged, by name, as shown on the page.</summary>
    public string Recipients { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
