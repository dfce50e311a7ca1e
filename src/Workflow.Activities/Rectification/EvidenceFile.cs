using Workflow.Activities.Reports;

namespace Workflow.Activities.Rectification;

/// <summary>One evidence file (佐证材料) of an item; the bytes live outside the database, named by their SHA-256.</summary>
public sealed class EvidenceFile
{
    public const int MaxFileNameLength = 200;

    /// <summary>
    /// The name an upload is kept and offered for download under: the final component of what the browser sent (older browsers
    /// send the whole local path; RFC 7578 §4.2 says to use only the file name). Refused: no file name left ("..", "dir/"), a
    /// control character or a character that reverses the reading direction (it can make "exe.pdf" look like "fdp.exe"), and a
    /// name over <see cref="MaxFileNameLength"/> characters. A missing name becomes 佐证材料.
    /// </summary>
    public static string CheckName(string? fileName)
    {
        var sent = (fileName ?? "").Replace('\\', '/');
        if (sent.Trim().Length == 0) return "佐证材料";
        var name = sent[(sent.LastIndexOf('/') + 1)..].Trim();
        if (name.Trim('.').Length == 0)
            throw Refuse("evidence-name-invalid", "文件名无效：只有路径，没有文件名。请重新选择文件后上传。");
        if (name.Length > MaxFileNameLength)
            throw Refuse("evidence-name-too-long", $"文件名超过{MaxFileNameLength}个字符，请改短后再上传。");
        if (name.Any(c => char.IsControl(c) || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')))
            throw Refuse("evidence-name-invalid", "文件名含有控制字符或改变文字方向的字符，请重命名后再上传。");
        return name;
    }

    private static WorkflowRuleException Refuse(string code, string message) => new(RuleViolation.Invalid, code, message, "file");

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
