using Microsoft.AspNetCore.Identity;

namespace Workflow.Host.Identity;

/// <summary>A person who signs in: belongs to one unit (agency, inspection team or committee).</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public Guid? UnitId { get; set; }

    /// <summary>One mail per reminder, or one daily digest.</summary>
    public Reminders.NotificationMode NotificationMode { get; set; }
}
