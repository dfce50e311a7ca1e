using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Workflow.Host.Mail;

/// <summary>Delivers through an SMTP server with MailKit; one connection per message keeps failures independent.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(smtp.UserName))
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (SmtpCommandException e)
        {
            throw new MailTransportException($"SMTP {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", (int)e.StatusCode >= 500, e);
        }
        catch (AuthenticationException e)
        {
            throw new MailTransportException("SMTP 认证失败：" + e.Message, permanent: false, e);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException
                                       or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new MailTransportException("SMTP 连接失败：" + e.Message, permanent: false, e);
        }
    }
}
