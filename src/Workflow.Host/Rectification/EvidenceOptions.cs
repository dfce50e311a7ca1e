namespace Workflow.Host.Rectification;

/// <summary>Where evidence bytes are kept.</summary>
public enum EvidenceStoreKind
{
    /// <summary>A folder: the node's data folder, or a shared folder every node mounts (<see cref="EvidenceOptions.Folder"/>).</summary>
    Folder,

    /// <summary>The PostgreSQL database itself, in the tables EvidenceBlobs and EvidenceChunks.</summary>
    Database,
}

/// <summary>Settings under "Evidence".</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Unset: Database on PostgreSQL, Folder on SQLite. Database needs PostgreSQL.</summary>
    public EvidenceStoreKind? Store { get; set; }

    /// <summary>The folder of the Folder store; relative paths are under the data folder. Default: &lt;data&gt;/evidence.</summary>
    public string? Folder { get; set; }

    /// <summary>The store in effect on the given database.</summary>
    public EvidenceStoreKind StoreOn(DatabaseProvider provider) =>
        Store ?? (provider == DatabaseProvider.PostgreSql ? EvidenceStoreKind.Database : EvidenceStoreKind.Folder);

    /// <summary>The folder of the Folder store as an absolute path.</summary>
    public string FolderPath(string dataDirectory) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(Folder) ? Path.Combine(dataDirectory, "evidence") : Path.Combine(dataDirectory, Folder));
}
