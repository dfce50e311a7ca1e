using System.ComponentModel.DataAnnotations;

namespace Workflow.Host.Security;

/// <summary>Settings under "Audit": how long the security audit log is kept and how much one export may hold.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The Cybersecurity Law (网络安全法 art. 21) asks for network logs kept at least six months: 180 days is the floor.</summary>
    [Range(180, 36500, ErrorMessage = "Audit:RetentionDays must be between 180 and 36500 (the Cybersecurity Law asks for at least six months).")]
    public int RetentionDays { get; set; } = 180;

    /// <summary>When the purge of entries older than the retention runs (cron, China Standard Time).</summary>
    [Required]
    public string PurgeCron { get; set; } = "30 3 * * *";

    /// <summary>Most rows one .xlsx export holds; a larger selection is refused with a message to narrow the filters.</summary>
    [Range(1, 1_000_000)]
    public int MaxExportRows { get; set; } = 50_000;
}
