namespace Workflow.Activities.Cycles;

/// <summary>One edit of a reporting cycle, in words (修改记录): who changed what and when. Rows are added, never changed.</summary>
public sealed class CycleChange
{
    public const int MaxTextLength = 2000;

    private CycleChange() { }

    public CycleChange(Guid cycleId, string byId, string byName, string text, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        CycleId = cycleId;
        ById = byId;
        ByName = byName;
        Text = text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…";
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid CycleId { get; private set; }
    public string ById { get; private set; } = "";
    public string ByName { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
