namespace Workflow.Activities.Rectification;

/// <summary>One evidence file (佐证材料) of an item; the bytes live outside the database, named by their SHA-256.</summary>
public sealed class EvidenceFile
{
    public const int MaxFileNameLength = 200;

    private EvidenceFile() { }

    internal EvidenceFile(Guid itemId, string fileName, string contentType, long size, string sha256, string uploadedById,
        string uploadedByName, DateTimeOffset uploadedAt)
    {
        Id = Guid.NewGuid();
        ItemId = itemId;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        UploadedById = uploadedById;
        UploadedByName = uploadedByName;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }
    public Guid ItemId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content; also the file's name on disk.</summary>
    public string Sha256 { get; private set; } = "";
    public string UploadedById { get; private set; } = "";
    public string UploadedByName { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
}
