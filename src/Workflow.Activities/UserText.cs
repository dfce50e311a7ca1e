using Workflow.Activities.Reports;

namespace Workflow.Activities;

/// <summary>What every text a user types or uploads must satisfy before it is stored, whichever field it goes to.</summary>
public static class UserText
{
    /// <summary>
    /// Refuses U+0000 (400 text-nul on the field). PostgreSQL cannot store it in a text column (it answered 500) while SQLite
    /// can; refusing it on both keeps the providers alike, and no report, comment or ledger entry needs it.
    /// </summary>
    public static string? RefuseNul(string? text, string field) =>
        text is not null && text.Contains('\0')
            ? throw new WorkflowRuleException(RuleViolation.Invalid, "text-nul", "内容含有空字符（U+0000），无法保存，请删除后重新提交。", field)
            : text;
}
