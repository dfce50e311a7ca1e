using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Workflow.Host.Mail;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>Settings under "Mail". No Smtp:Host means mails are written as .eml files to the pickup folder.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    [Required, EmailAddress]
    public string From { get; set; } = "approvalflow@example.gov.cn";

    public string FromName { get; set; } = "主体责任报告审核系统";

    /// <summary>Folder for .eml files when no SMTP host is set; relative paths are under App:DataDirectory.</summary>
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>The pickup folder as an absolute path (relative paths are under the data folder).</summary>
    public string PickupPath(AppOptions app, string contentRoot) =>
        Path.IsPathRooted(PickupDirectory) ? PickupDirectory : Path.Combine(app.DataPath(contentRoot), PickupDirectory);

    [ValidateObjectMembers]
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Mails sent per dispatcher run.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Transient failures are retried with exponential backoff up to this many attempts.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>First retry delay; doubles each attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Settings under "Mail:Smtp".</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
