using System.ComponentModel.DataAnnotations;

namespace Workflow.Host.Security;

/// <summary>
/// The password policy (口令策略). Configuration ("PasswordPolicy") gives the defaults; the 安全保密管理员 may store an effective
/// policy in the database (one row, so every node shares it), which then wins.
/// </summary>
public sealed class PasswordPolicyOptions
{
    public const string Section = "PasswordPolicy";

    public const int MaxLength = 128;

    /// <summary>Fewest characters a password may have.</summary>
    [Range(8, 64)]
    public int MinimumLength { get; set; } = 10;

    /// <summary>How many of the four classes (upper case, lower case, digit, symbol) a password must mix.</summary>
    [Range(1, 4)]
    public int RequiredCharacterClasses { get; set; } = 3;

    /// <summary>How many of the latest passwords, the current one included, may not be used again (0 or 1 = only the current one).</summary>
    [Range(0, 24)]
    public int History { get; set; } = 5;

    /// <summary>Days after which a password must be changed at the next sign-in (0 = never).</summary>
    [Range(0, 3650)]
    public int MaximumAgeDays { get; set; } = 90;

    public PasswordPolicyOptions Copy() => (PasswordPolicyOptions)MemberwiseClone();

    /// <summary>The refusals of a policy as entered on the page: field name and Chinese message.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (MinimumLength is < 8 or > 64) problems.Add((nameof(MinimumLength), "最小长度应在 8 到 64 位之间。"));
        if (RequiredCharacterClasses is < 1 or > 4) problems.Add((nameof(RequiredCharacterClasses), "字符类别数应在 1 到 4 之间。"));
        if (History is < 0 or > 24) problems.Add((nameof(History), "历史密码个数应在 0 到 24 之间。"));
        if (MaximumAgeDays is < 0 or > 3650) problems.Add((nameof(MaximumAgeDays), "最长使用期限应在 0 到 3650 天之间（0 表示不限）。"));
        return problems;
    }

    public override string ToString() =>
        $"最小长度{MinimumLength}，字符类别{RequiredCharacterClasses}类，历史{History}个，最长{MaximumAgeDays}天";
}

/// <summary>The stored effective policy: a single row with <see cref="Id"/> 1.</summary>
public sealed class StoredPasswordPolicy
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public int MinimumLength { get; set; }
    public int RequiredCharacterClasses { get; set; }
    public int History { get; set; }
    public int MaximumAgeDays { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}
