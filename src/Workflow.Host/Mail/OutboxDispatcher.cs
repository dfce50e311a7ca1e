using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Workflow.Host.Data;

namespace Workflow.Host.Mail;

/// <summary>
/// Sends pending outbox mails. Each mail is marked in its own small transaction right after it is handed over,
/// so a crash between send and mark repeats at most that one mail (at-least-once, recognisable by Message-ID).
/// </summary>
public sealed class OutboxDispatcher(AppDbContext db, IMailTransport transport, IOutboxGuard guard, TimeProvider clock,
    IOptions<MailOptions> options, OutboxDispatcher.Gate gate, ILogger<OutboxDispatcher> log)
{
    /// <summary>One dispatcher at a time per app: a recurring run and a triggered run must not send the same row twice (across nodes, see <see cref="ClaimAsync"/>).</summary>
    public sealed class Gate
    {
        internal SemaphoreSlim Lock { get; } = new(1, 1);
    }

    /// <summary>A pending row this dispatcher may send; on PostgreSQL it stays locked until the outcome is committed.</summary>
    private sealed class Claim(OutboxMessage? message, IDbContextTransaction? transaction) : IAsyncDisposable
    {
        public OutboxMessage? Message => message;

        public Task CommitAsync() => transaction?.CommitAsync(CancellationToken.None) ?? Task.CompletedTask;

        public ValueTask DisposeAsync() => transaction?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    /// <summary>
    /// Several app nodes share one PostgreSQL database: each row is locked with SKIP LOCKED for the time of its send, so
    /// another node passes over it, and is read again under the lock, so a row another node just sent is not sent twice.
    /// SQLite serves one node, where the gate suffices.
    /// </summary>
    private async Task<Claim> ClaimAsync(long id, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return new Claim(await db.Outbox.SingleOrDefaultAsync(m => m.Id == id && m.Status == OutboxStatus.Pending, ct), null);
        var transaction = await db.Database.BeginTransactionAsync(ct);
        var pending = nameof(OutboxStatus.Pending);
        var rows = await db.Outbox
            .FromSql($"""SELECT * FROM "OutboxMessages" WHERE "Id" = {id} AND "Status" = {pending} FOR UPDATE SKIP LOCKED""")
            .ToListAsync(ct);
        var message = rows.SingleOrDefault();
        return new Claim(message, transaction);
    }

    /// <summary>Sends what is due; returns the number of mails handed to the transport.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct = default)
    {
        if (!await gate.Lock.WaitAsync(TimeSpan.Zero, ct)) return 0;
        try
        {
            var settings = options.Value;
            var now = clock.GetUtcNow();
            var due = await db.Outbox
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.Id)
                .Select(m => m.Id)
                .Take(settings.BatchSize)
                .ToListAsync(ct);
            var sent = 0;
            foreach (var id in due)
            {
                await using var claim = await ClaimAsync(id, ct);
                if (claim.Message is not { } message) continue;
                if (message.GuardSubject is { } subject
                    && !await guard.StillWaitingAsync(subject, message.GuardSubjectId!.Value, message.GuardState ?? "", ct))
                {
                    message.Cancel("任务已办结，提醒不再发送。");
                }
                else
                {
                    try
                    {
                        await transport.SendAsync(Build(message, settings), ct);
                        message.MarkSent(clock.GetUtcNow());
                        sent++;
                    }
                    catch (MailTransportException e) when (e.Permanent)
                    {
                        log.LogWarning("Mail {Id} to {To} failed permanently: {Reason}", message.Id, message.ToAddress, e.Message);
                        message.MarkFailed(e.Message);
                    }
                    catch (MailTransportException e)
                    {
                        log.LogInformation("Mail {Id} to {To} will be retried: {Reason}", message.Id, message.ToAddress, e.Message);
                        message.Retry(e.Message, clock.GetUtcNow(), Backoff(message.Attempts, settings), settings.MaxAttempts);
                    }
                }
                await db.SaveChangesAsync(CancellationToken.None);
                await claim.CommitAsync();
            }
            return sent;
        }
        finally
        {
            gate.Lock.Release();
        }
    }

    /// <summary>Exponential backoff: first delay, doubled per attempt, capped.</summary>
    public static TimeSpan Backoff(int attemptsSoFar, MailOptions settings)
    {
        var factor = Math.Pow(2, Math.Min(attemptsSoFar, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.FirstRetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    public static MimeMessage Build(OutboxMessage m, MailOptions settings)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(new MailboxAddress(m.ToName, m.ToAddress));
        message.Subject = m.Subject;
        message.MessageId = m.MessageId;
        message.Date = m.CreatedAt;
        message.Headers.Add("X-ApprovalFlow-Key", m.Key);
        message.Body = new BodyBuilder { HtmlBody = m.HtmlBody, TextBody = m.TextBody }.ToMessageBody();
        return message;
    }
}
