using System.ComponentModel.DataAnnotations;
using Workflow.Activities.Archive;

namespace Workflow.Host;

/// <summary>Settings under "Archive": the hash of new chain links (existing links keep the algorithm they name).</summary>
public sealed class ArchiveOptions : IValidatableObject
{
    public const string Section = "Archive";

    /// <summary><c>SHA-256</c> (default) or <c>SM3</c> (GB/T 32905).</summary>
    public string Algorithm { get; set; } = ArchiveHash.Sha256;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ArchiveHash.IsKnown(Algorithm))
            yield return new ValidationResult($"Archive:Algorithm must be {ArchiveHash.Sha256} or {ArchiveHash.Sm3}, not '{Algorithm}'.", [nameof(Algorithm)]);
    }
}
