using Workflow.Activities.Reports;
using Workflow.Host;
using Workflow.Host.Documents;

namespace Workflow.Web;

/// <summary>A .docx or .txt uploaded through a page or the API, read into report text; a missing or bad file is refused on the "file" field.</summary>
/// <remarks>Callers check who may import (ReportService.EnsureMayCreateAsync / EnsureMayEditAsync) before they call this.</remarks>
public static class ReportUpload
{
    public static async Task<ImportedDocument> ReadAsync(IFormFile? file, LimitsOptions limits, CancellationToken ct)
    {
        if (file is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "file-required", "请选择要上传的 .docx 或 .txt 文件。", "file");
        // The form reader has put the file in memory or in a temporary file: its stream seeks, so a .docx is read in place.
        await using var stream = file.OpenReadStream();
        return await ReportImporter.ReadAsync(stream, file.FileName, file.Length, limits, ct);
    }

    /// <summary>The title typed in, else the one in the file, else the file name.</summary>
    public static string TitleFor(string? typed, ImportedDocument doc, IFormFile file) =>
        !string.IsNullOrWhiteSpace(typed) ? typed : doc.Title ?? Path.GetFileNameWithoutExtension(file.FileName);

    /// <summary>The form's title and body, with the body (and a missing title) taken from the optional upload.</summary>
    public static async Task<(string? Title, string? Body)> ApplyAsync(IFormFile? upload, string? title, string? body, LimitsOptions limits,
        CancellationToken ct)
    {
        if (upload is null) return (title, body);
        var doc = await ReadAsync(upload, limits, ct);
        return (TitleFor(title, doc, upload), doc.Body);
    }
}
