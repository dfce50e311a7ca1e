namespace Workflow.Activities.Cycles;

/// <summary>
/// A 催办: someone urged whoever a unit's report waits for, from 报送情况 or from the report's own page. Its <see cref="Key"/>
/// (report or unit, step, China day) is unique, so the same report at the same step is urged at most once a day, however often
/// and wherever the button is pressed. A report urged from its page need not belong to a reporting cycle (<see cref="CycleId"/> null).
/// </summary>
public sealed class CycleUrge
{
    public const int MaxRecipientsLength = 500;

    private CycleUrge() { }

    public CycleUrge(Guid cycleId, Guid unitId, Guid? reportId, string step, DateOnly day, string byId, string byName, string recipients,
        DateTimeOffset at) : this(KeyOf(cycleId, unitId, reportId, step, day), cycleId, unitId, reportId, step, day, byId, byName, recipients, at)
    {
    }

    private CycleUrge(string key, Guid? cycleId, Guid unitId, Guid? reportId, string step, DateOnly day, string byId, string byName,
        string recipients, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        Key = key;
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

    /// <summary>A 催办 of report <paramref name="reportId"/> at review step <paramref name="step"/>, in its cycle when it has one.</summary>
    public static CycleUrge OfReport(Guid? cycleId, Guid unitId, Guid reportId, string step, DateOnly day, string byId, string byName,
        string recipients, DateTimeOffset at) =>
        new(ReportKeyOf(reportId, step, day), cycleId, unitId, reportId, step, day, byId, byName, recipients, at);

    /// <summary>"urge:{report}:{step}:{day}" for a report at a step; "urge:{cycle}/{unit}:Submission:{day}" for a unit not yet reporting.</summary>
    public static string KeyOf(Guid cycleId, Guid unitId, Guid? reportId, string step, DateOnly day) =>
        step == UnitStanding.SubmissionStep || reportId is null ? $"urge:{cycleId:N}/{unitId:N}:{step}:{day:yyyyMMdd}" : ReportKeyOf(reportId.Value, step, day);

    /// <summary>The key of a report at a review step: the same whether the board or the report page urges it.</summary>
    public static string ReportKeyOf(Guid reportId, string step, DateOnly day) => $"urge:{reportId:N}:{step}:{day:yyyyMMdd}";

    public Guid Id { get; private set; }
    public string Key { get; private set; } = "";
    /// <summary>The reporting cycle of the urged unit; null for a report urged from its page outside any cycle.</summary>
    public Guid? CycleId { get; private set; }
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
