using Workflow.Activities.Rectification;

namespace Workflow.Host.Rectification;

/// <summary>Filters and sort order of the ledger; null means "any". AwaitingMe keeps the closures and extensions the user decides.</summary>
public sealed record LedgerFilter(Guid? UnitId = null, RectificationStatus? Status = null, RectificationSource? Source = null,
    string? OwnerId = null, bool? Overdue = null, bool? LongTerm = null, string? Sort = null, bool Descending = false, Guid? ReportId = null,
    bool AwaitingMe = false);

/// <summary>One page of the sorted ledger: its rows, how many rows match in all, and which page (from 1) of what size it is.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerRow> Rows, int Total, int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>At least 1, so an empty ledger still reads "第 1/1 页".</summary>
    public int PageCount => Math.Max(1, (int)((Total + (long)PageSize - 1) / PageSize));

    /// <summary>Page <paramref name="page"/> (from 1) of the sorted rows; past the end it is empty, with the right total.</summary>
    public static LedgerPage Of(IReadOnlyList<LedgerRow> rows, int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var skip = (int)Math.Min(int.MaxValue, (page - 1L) * pageSize);
        return new LedgerPage(rows.Skip(skip).Take(pageSize).ToList(), rows.Count, page, pageSize);
    }
}

/// <summary>One line of the ledger as lists, exports and the API show it.</summary>
public sealed record LedgerRow(Guid Id, string Code, Guid UnitId, string UnitName, RectificationSource Source, string Category,
    string Problem, string Measures, string ResponsibleLeader, string ResponsibleDepartment, string? OwnerId, string? OwnerName,
    string? OwnerUserName, DateOnly? Deadline, DateOnly? OriginalDeadline, RectificationStatus Status, int ReworkCount,
    DateTimeOffset? ClosedAt, TrafficLight Light, bool Overdue, DateOnly? ExtensionRequestedTo, string? Progress, string? LongTermReason,
    DateOnly? NextReviewOn, Guid? ReportId, IReadOnlyList<RectificationCommand> Allowed);

/// <summary>Close-out figures of one unit.</summary>
public sealed record UnitSummary(Guid UnitId, string UnitName, int Total, int Closed, int Overdue, int Rework, int LongTerm)
{
    /// <summary>Closed share in percent, 0 when the unit has no items.</summary>
    public double CloseOutRate => Total == 0 ? 0 : Math.Round(100.0 * Closed / Total, 1);
}

/// <summary>A row of an imported sheet that was refused, with its number as Excel shows it.</summary>
public sealed record ImportError(int Row, string Message);

/// <summary>The outcome of an import: either every row was created, or none and the reasons per row.</summary>
public sealed record ImportResult(int Imported, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>A user of a unit who can be made responsible for an item.</summary>
public sealed record UnitMember(string Id, string UserName, string DisplayName);
