using MimeKit;

namespace Workflow.Host.Mail;

/// <summary>Sends one message; throws <see cref="MailTransportException"/> saying whether a retry can help.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>A failed delivery: permanent (5xx, bad address) or transient (4xx, socket, timeout).</summary>
public sealed class MailTransportException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
