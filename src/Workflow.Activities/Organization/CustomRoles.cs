namespace Workflow.Activities.Organization;

/// <summary>
/// Unit-level roles an administrator adds (分管领导, 办公室主任): the Chinese name is the stable code (the Identity role name, the
/// route step's role), so <see cref="RoleNames.Label"/> shows it as it is. The rules a new name must pass.
/// </summary>
public static class CustomRoles
{
    public const int MaxNameLength = 20;
    public const int MaxDescriptionLength = 200;

    /// <summary>Why <paramref name="name"/> (trimmed) cannot name a new role, in Chinese; null when it can. Duplicates are the host's to find.</summary>
    public static string? NameProblem(string? name)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0) return "请填写角色名称。";
        if (name.Length > MaxNameLength) return $"角色名称不能超过{MaxNameLength}个字。";
        if (name.Any(char.IsControl)) return "角色名称不能含控制字符。";
        if (UserText.ProblemWith(name) is { } problem) return problem;
        if (RoleNames.All.Any(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase) || RoleNames.Label(r) == name))
            return $"“{name}”是系统内置角色，不能再添加。";
        return null;
    }

    /// <summary>Why <paramref name="description"/> cannot describe a role; null when it can (it may be empty).</summary>
    public static string? DescriptionProblem(string? description)
    {
        description = description?.Trim() ?? "";
        if (description.Length > MaxDescriptionLength) return $"说明不能超过{MaxDescriptionLength}个字。";
        return description.Length == 0 ? null : UserText.ProblemWith(description);
    }
}
