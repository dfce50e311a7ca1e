using Workflow.Activities.Reminders;

namespace Workflow.Host.Mail;

/// <summary>
/// Asked by the dispatcher just before a guarded mail goes out: does what it is about still wait? The reminders answer it,
/// so reminders stop the moment the work is done.
/// </summary>
public interface IOutboxGuard
{
    Task<bool> StillWaitingAsync(ReminderSubject subject, Guid subjectId, string state, CancellationToken ct = default);
}
