using System.ComponentModel.DataAnnotations;
using Workflow.Activities.Reports;

namespace Workflow.Host;

/// <summary>Settings under "Limits": what a user may send, so no request can exhaust memory or CPU.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Longest report title, in characters; at most 200, the width of the database column.</summary>
    [Range(10, Report.MaxTitleLength)]
    public int MaxTitleCharacters { get; set; } = ReportTextLimits.DefaultMaxTitleLength;

    /// <summary>Longest report body, in characters (typed, sent through the API or imported).</summary>
    [Range(1_000, 5_000_000)]
    public int MaxReportCharacters { get; set; } = ReportTextLimits.DefaultMaxBodyLength;

    /// <summary>
    /// Largest JSON or form body of an ordinary request, in bytes; refused with 413 before it is buffered. 4 MB holds a
    /// body at the character limit however it is encoded: 300,000 characters are 1.8 MB as JSON \uXXXX escapes, 2.7 MB percent-encoded in a form.
    /// </summary>
    [Range(1_024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Largest uploaded report file (.docx or .txt), in bytes.</summary>
    [Range(1_024, 1L << 30)]
    public long MaxReportFileBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Largest uploaded ledger spreadsheet (.xlsx), in bytes.</summary>
    [Range(1_024, 1L << 30)]
    public long MaxSpreadsheetBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Most rows (header included) a ledger sheet may use.</summary>
    [Range(10, 1_048_576)]
    public int MaxSheetRows { get; set; } = 5_000;

    /// <summary>Most columns a ledger sheet may use.</summary>
    [Range(7, 16_384)]
    public int MaxSheetColumns { get; set; } = 30;

    /// <summary>Most rows (header included) each sheet of an organisation import (单位, 人员) may use.</summary>
    [Range(10, 1_048_576)]
    public int MaxOrganisationRows { get; set; } = 5_000;

    /// <summary>Most entries (files inside the zip) of an uploaded .docx or .xlsx.</summary>
    [Range(10, 100_000)]
    public int MaxPackageEntries { get; set; } = 2_000;

    /// <summary>Largest total size of an uploaded .docx or .xlsx once unzipped, as its directory declares, in bytes.</summary>
    [Range(1_024, 1L << 34)]
    public long MaxPackageUncompressedBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Largest single XML part read from a .docx or .xlsx (document.xml, a sheet), in bytes and in characters.</summary>
    [Range(1_024, 1L << 31)]
    public long MaxXmlPartBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Longest a page or API request may run before its work is cancelled and it is answered 504.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The same for requests that move large files on slow lines (uploads, downloads, exports).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan TransferRequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A size as users read it in a message: "10 MB", "1.5 MB".</summary>
    public static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";

    public ReportTextLimits ReportText => new(MaxTitleCharacters, MaxReportCharacters);

    public PackageLimits Package => new(MaxPackageEntries, MaxPackageUncompressedBytes, MaxXmlPartBytes);
}

/// <summary>Bounds an uploaded .docx or .xlsx must keep before any of its XML is parsed.</summary>
public sealed record PackageLimits(int MaxEntries, long MaxUncompressedBytes, long MaxXmlPartBytes);
