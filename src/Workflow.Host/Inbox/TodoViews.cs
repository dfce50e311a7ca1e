using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;

namespace Workflow.Host.Inbox;

/// <summary>What a 待办 row asks of the user. The API names are the kebab-case forms (<see cref="TodoKinds.ApiName"/>).</summary>
public enum TodoKind
{
    /// <summary>An open reporting cycle of my unit without a report yet (drafter).</summary>
    ReportToWrite,

    /// <summary>My unit's draft (drafter).</summary>
    ReportDraft,

    /// <summary>My unit's report returned for revision (drafter).</summary>
    ReportReturned,

    /// <summary>A report waiting at my review step.</summary>
    ReportReview,

    /// <summary>An item I own, to start or to finish.</summary>
    ItemToWork,

    /// <summary>An item whose closure was rejected (二次整改), to work on again: its owner's and its unit's drafters'.</summary>
    ItemRework,

    /// <summary>A closure request (申请销号) my role decides.</summary>
    ItemClosure,

    /// <summary>An extension request (延期) I decide as the unit's secretary.</summary>
    ItemExtension,

    /// <summary>An open item still without an owner or a deadline that I assign (待指定负责人和期限).</summary>
    ItemToAssign,
}

/// <summary>Labels and API names of <see cref="TodoKind"/>.</summary>
public static class TodoKinds
{
    public static string Label(this TodoKind kind) => kind switch
    {
        TodoKind.ReportToWrite => "待起草报告",
        TodoKind.ReportDraft => "报告草稿",
        TodoKind.ReportReturned => "退回修改",
        TodoKind.ReportReview => "待审核报告",
        TodoKind.ItemToWork => "整改待办",
        TodoKind.ItemRework => "二次整改",
        TodoKind.ItemClosure => "销号审批",
        TodoKind.ItemExtension => "延期审批",
        TodoKind.ItemToAssign => "待指定负责人和期限",
        _ => kind.ToString(),
    };

    /// <summary>"report-to-write", "item-closure", …: stable names for API clients.</summary>
    public static string ApiName(this TodoKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>The latest return of a report: the reviewer's comment, who returned it and when.</summary>
public sealed record ReturnNote(string Comment, string By, DateTimeOffset At);

/// <summary>
/// One row of the 待办: what it is (<see cref="Kind"/>), the report, item or (for a report to write) the cycle it is about, its
/// page, its state in Chinese and its deadline as the reminders count it (null when nothing sets one); <see cref="OnBehalfOf"/> names
/// the reviewer whose step it is when the user stands in for him (委托, "代 张三").
/// </summary>
public sealed record TodoRow(TodoKind Kind, Guid Id, string Title, string Link, int Year, string UnitName, ReportStatus? ReportStatus,
    string State, DateTimeOffset? WaitingSince, StepDeadline? Deadline, ReturnNote? LastReturn = null, string? OnBehalfOf = null);

/// <summary>What a 已办 row records.</summary>
public enum DoneKind
{
    Report,
    Item,
}

/// <summary>One decision I made (已办): on a report (approve, return) or on an item (closure, extension, reopen).</summary>
public sealed record DoneRow(DoneKind Kind, Guid Id, string Title, string Link, string UnitName, string Action, string? Comment,
    DateTimeOffset At);

/// <summary>One page of my decisions, newest first, with how many there are in all.</summary>
public sealed record DonePage(IReadOnlyList<DoneRow> Rows, int Total, int Page, int PageSize)
{
    public const int DefaultPageSize = 20;

    public int PageCount => Math.Max(1, (int)((Total + (long)PageSize - 1) / PageSize));
}
