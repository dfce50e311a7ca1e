using Microsoft.AspNetCore.Identity;

namespace Workflow.Host.Identity;

/// <summary>A person who signs in: belongs to one unit (agency, inspection team or committee).</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The name shown for him: his display name, else his user name.</summary>
    public string ShownName => ShownNameOf(DisplayName, UserName);

    /// <summary>The rule of <see cref="ShownName"/> for a projection that did not load the whole user.</summary>
    public static string ShownNameOf(string? displayName, string? userName) => string.IsNullOrEmpty(displayName) ? userName ?? "" : displayName;
    public Guid? UnitId { get; set; }

    /// <summary>The password is a one-time one (new account, reset by the 安全保密管理员): the next sign-in must set a new one.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the password was last set; the policy's maximum age counts from here (null: never set by this version, not aged).</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>When the 安全保密管理员 disabled the account (停用); null while it is in use. Not Identity's lockout.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>The hash of a password an account used before, so the policy can refuse it again (密码历史).</summary>
public sealed class PasswordHistoryEntry
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
}
