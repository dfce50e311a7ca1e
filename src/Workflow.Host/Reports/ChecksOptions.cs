using Workflow.Activities.Reports.Checks;

namespace Workflow.Host.Reports;

/// <summary>
/// Section "Checks": severity per check code (Error blocks the way to the committee, Warning only informs)
/// and the length below which a report counts as far too short.
/// </summary>
public sealed class ChecksOptions
{
    public const string Section = "Checks";

    public Dictionary<string, CheckSeverity> Severities { get; set; } = [];

    public int MinimumLength { get; set; } = 1500;

    public CheckSettings ToSettings() => new(
        CheckCodes.Defaults.ToDictionary(d => d.Key, d => Severities.GetValueOrDefault(d.Key, d.Value)), MinimumLength);
}
