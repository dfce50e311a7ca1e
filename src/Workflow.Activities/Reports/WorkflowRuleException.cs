namespace Workflow.Activities.Reports;

/// <summary>Why an action was refused, so the web layer can pick 400, 403 or 409.</summary>
public enum RuleViolation
{
    Invalid,
    Forbidden,
    Conflict,
    NotFound,
}

/// <summary>A domain rule refused a request; the message is Chinese and shown to the user.</summary>
public sealed class WorkflowRuleException(RuleViolation violation, string code, string message, string? field = null)
    : Exception(message)
{
    public RuleViolation Violation { get; } = violation;

    /// <summary>Stable machine-readable code, e.g. "comment-required".</summary>
    public string Code { get; } = code;

    /// <summary>The input field the message belongs to, when there is one.</summary>
    public string? Field { get; } = field;
}
