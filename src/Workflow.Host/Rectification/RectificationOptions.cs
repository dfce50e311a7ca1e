using System.ComponentModel.DataAnnotations;

namespace Workflow.Host.Rectification;

/// <summary>Settings under "Rectification".</summary>
public sealed class RectificationOptions
{
    public const string Section = "Rectification";

    /// <summary>Largest evidence file accepted, in bytes (default 20 MB).</summary>
    [Range(1, 1L << 31)]
    public long MaxEvidenceBytes { get; set; } = 20L * 1024 * 1024;
}
