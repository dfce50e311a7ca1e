namespace Workflow.Activities.Reports;

/// <summary>How long a report's title and body may be: the same limits for typed text, the API and imported files.</summary>
public sealed record ReportTextLimits(int MaxTitleLength = ReportTextLimits.DefaultMaxTitleLength, int MaxBodyLength = ReportTextLimits.DefaultMaxBodyLength)
{
    public const int DefaultMaxTitleLength = 200;
    public const int DefaultMaxBodyLength = 300_000;

    public static ReportTextLimits Default { get; } = new();

    public WorkflowRuleException TitleTooLong() =>
        new(RuleViolation.Invalid, "title-too-long", $"标题不能超过{MaxTitleLength}个字。", "title");

    /// <summary>The refusal of an over-long body; <paramref name="field"/> is "file" when the text came from an upload.</summary>
    public WorkflowRuleException BodyTooLong(string field = "body") =>
        new(RuleViolation.Invalid, "body-too-long",
            $"报告正文不能超过{MaxBodyLength:N0}个字符，请确认内容是否正确（例如是否误粘贴或上传了其他文件）。", field);
}
