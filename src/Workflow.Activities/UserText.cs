using System.Xml;
using Workflow.Activities.Reports;

namespace Workflow.Activities;

/// <summary>What every text a user types or uploads must satisfy before it is stored, whichever field it goes to.</summary>
public static class UserText
{
    /// <summary>
    /// Refuses a character that XML 1.0, and so a Word or Excel file, cannot hold: control characters other than tab and line
    /// breaks (NUL among them, which PostgreSQL cannot store either), U+FFFE, U+FFFF and unpaired surrogates (400
    /// text-invalid-character on the field). Stored, such a report could never be exported (500), nor a ledger holding it.
    /// </summary>
    public static string? Check(string? text, string field) =>
        FirstInvalid(text) is { } i
            ? throw new WorkflowRuleException(RuleViolation.Invalid, "text-invalid-character", Problem(text!, i), field)
            : text;

    /// <summary>The message for a text that cannot be stored, or null when it can: for forms that collect every error at once.</summary>
    public static string? ProblemWith(string? text) => FirstInvalid(text) is { } i ? Problem(text!, i) : null;

    private static string Problem(string text, int i) => $"内容含有无法保存的字符（第{i + 1}个字符，U+{(int)text[i]:X4}），请删除后重新提交。";

    private static int? FirstInvalid(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) continue;
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }
            return i;
        }
        return null;
    }
}
