using Microsoft.AspNetCore.Identity;

namespace Workflow.Host.Identity;

/// <summary>
/// Identity's lookup keys (Unicode-normalised, upper case) for any text a client sends. string.Normalize throws on text that
/// is not valid Unicode (U+FFFF, a lone surrogate), and PostgreSQL refuses a NUL in a query: both were a 500 at sign-in. Such
/// a name cannot belong to a user (user names are ASCII letters, digits and - . _ @ +), so it gets a key that matches nobody.
/// </summary>
public sealed class LookupNormalizer : ILookupNormalizer
{
    private const string NoUser = "\uFFFD";

    public string? NormalizeName(string? name) => Key(name);

    public string? NormalizeEmail(string? email) => Key(email);

    private static string? Key(string? text)
    {
        if (text is null) return null;
        if (text.Contains('\0')) return NoUser;
        try
        {
            return text.Normalize().ToUpperInvariant();
        }
        catch (ArgumentException)
        {
            return NoUser;
        }
    }
}
