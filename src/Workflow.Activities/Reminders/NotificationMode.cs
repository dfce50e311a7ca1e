namespace Workflow.Activities.Reminders;

/// <summary>How a user wants his reminders: one mail each, or one daily digest.</summary>
public enum NotificationMode
{
    Immediate,
    Digest,
}
