using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Security;

/// <summary>
/// Enforces the effective password policy (length, mix of character classes, not one of the last passwords, not the user
/// name) with Chinese messages. Every code starts with "Password", so the pages put the message beside the password field.
/// </summary>
public sealed class PolicyPasswordValidator(PasswordPolicyStore policies, AppDbContext db) : IPasswordValidator<AppUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        var policy = await policies.GetAsync();
        var errors = new List<IdentityError>();
        if (password.Length < policy.MinimumLength)
            errors.Add(Error("PasswordTooShort", $"密码至少需要{policy.MinimumLength}位。"));
        else if (password.Length > PasswordPolicyOptions.MaxLength)
            errors.Add(Error("PasswordTooLong", $"密码不能超过{PasswordPolicyOptions.MaxLength}位。"));
        if (CharacterClasses(password) < policy.RequiredCharacterClasses)
            errors.Add(Error("PasswordCharacterClasses",
                $"密码须包含大写字母、小写字母、数字、特殊字符（如 @ # !）中的至少{policy.RequiredCharacterClasses}类。"));
        if (!string.IsNullOrEmpty(user.UserName) && password.Contains(user.UserName, StringComparison.OrdinalIgnoreCase))
            errors.Add(Error("PasswordContainsUserName", "密码不能包含用户名。"));
        if (errors.Count == 0 && await UsedBeforeAsync(manager, user, password, policy.History))
            errors.Add(Error("PasswordReused", policy.History > 1
                ? $"新密码不能与最近{policy.History}次使用过的密码相同。"
                : "新密码不能与当前密码相同。"));
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    /// <summary>Upper case, lower case, digit, anything else: how many of the four the password mixes.</summary>
    public static int CharacterClasses(string password) =>
        (password.Any(char.IsAsciiLetterUpper) ? 1 : 0) + (password.Any(char.IsAsciiLetterLower) ? 1 : 0)
        + (password.Any(char.IsAsciiDigit) ? 1 : 0) + (password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);

    private async Task<bool> UsedBeforeAsync(UserManager<AppUser> manager, AppUser user, string password, int history)
    {
        var hashes = new List<string>();
        if (!string.IsNullOrEmpty(user.PasswordHash)) hashes.Add(user.PasswordHash);
        // History counts the current password: 5 = the current one and the four before it.
        if (history > 1 && !string.IsNullOrEmpty(user.Id))
            hashes.AddRange(await db.PasswordHistory.AsNoTracking().Where(h => h.UserId == user.Id)
                .OrderByDescending(h => h.Id).Take(history - 1).Select(h => h.PasswordHash).ToListAsync());
        return hashes.Any(hash => manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed);
    }

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "@#%+=!?";

    /// <summary>A one-time password from the cryptographic generator: all four classes, no look-alike characters, at least 16 long.</summary>
    public static string GenerateOneTime(PasswordPolicyOptions policy)
    {
        var length = Math.Max(16, policy.MinimumLength);
        var all = Upper + Lower + Digits + Symbols;
        var chars = new char[length];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
        for (var i = 4; i < length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
