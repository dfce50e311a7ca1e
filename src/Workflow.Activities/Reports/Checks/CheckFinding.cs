namespace Workflow.Activities.Reports.Checks;

/// <summary>How much a finding matters: errors block the way to the committee, warnings only inform.</summary>
public enum CheckSeverity
{
    Warning,
    Error,
}

/// <summary>
/// One problem found in a report text. <see cref="Paragraph"/> is 0 for the title and 1.. for body paragraphs
/// (blank lines count); <see cref="Start"/>/<see cref="Length"/> locate it inside that paragraph.
/// Findings about the whole document have no position.
/// </summary>
public sealed record CheckFinding(
    string Code,
    CheckSeverity Severity,
    string Message,
    int? Paragraph,
    int? Start,
    int? Length,
    string Excerpt);

/// <summary>Stable codes of the pre-submit checks (报告检查); configuration refers to them.</summary>
public static class CheckCodes
{
    public const string Placeholder = "placeholder";
    public const string MissingNumber = "missing-number";
    public const string PasteMarker = "paste-marker";
    public const string HtmlTag = "html-tag";
    public const string BlankParagraphs = "blank-paragraphs";
    public const string NumberingPunctuation = "numbering-punctuation";
    public const string NoProblemsSection = "no-problems-section";
    public const string NoNextStepsSection = "no-next-steps-section";
    public const string TitleYearMismatch = "title-year-mismatch";
    public const string TitleYearMissing = "title-year-missing";
    public const string TooShort = "too-short";

    /// <summary>Severity of each check unless configuration says otherwise.</summary>
    public static IReadOnlyDictionary<string, CheckSeverity> Defaults { get; } = new Dictionary<string, CheckSeverity>
    {
        [Placeholder] = CheckSeverity.Error,
        [MissingNumber] = CheckSeverity.Warning,
        [PasteMarker] = CheckSeverity.Error,
        [HtmlTag] = CheckSeverity.Error,
        [BlankParagraphs] = CheckSeverity.Warning,
        [NumberingPunctuation] = CheckSeverity.Warning,
        [NoProblemsSection] = CheckSeverity.Error,
        [NoNextStepsSection] = CheckSeverity.Error,
        [TitleYearMismatch] = CheckSeverity.Error,
        [TitleYearMissing] = CheckSeverity.Warning,
        [TooShort] = CheckSeverity.Warning,
    };
}

/// <summary>Per-check severity overrides and the length below which a report counts as far too short.</summary>
public sealed record CheckSettings(IReadOnlyDictionary<string, CheckSeverity> Severities, int MinimumLength = 1500)
{
    public static CheckSettings Default { get; } = new(CheckCodes.Defaults);

    public CheckSeverity SeverityOf(string code) =>
        Severities.TryGetValue(code, out var s) ? s : CheckCodes.Defaults.GetValueOrDefault(code, CheckSeverity.Warning);
}
