using Workflow.Activities.Reports;

namespace Workflow.Activities;

/// <summary>
/// The years the product works in: a report's or an item's year, every date it keeps, the range the working calendar
/// tabulates. A date far outside (9999) would only break the day arithmetic of the reminders.
/// </summary>
public static class SupportedYears
{
    public const int Min = 2000;
    public const int Max = 2100;

    public static DateOnly FirstDay => new(Min, 1, 1);
    public static DateOnly LastDay => new(Max, 12, 31);

    public static bool Contains(int year) => year is >= Min and <= Max;

    public static bool Contains(DateOnly date) => Contains(date.Year);

    /// <summary>Refuses a year outside the range (400 <c>year-invalid</c> on the field "year").</summary>
    public static void CheckYear(int year)
    {
        if (!Contains(year))
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-invalid", $"年度应在{Min}至{Max}之间。", "year");
    }

    /// <summary>Refuses a date outside the range (400 <c>date-out-of-range</c> on <paramref name="field"/>).</summary>
    public static DateOnly CheckDate(DateOnly date, string field) =>
        Contains(date)
            ? date
            : throw new WorkflowRuleException(RuleViolation.Invalid, "date-out-of-range", $"日期应在{Min}年至{Max}年之间。", field);
}
