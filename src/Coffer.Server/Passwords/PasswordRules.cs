using System.Text;
using Coffer.Server.Api;

namespace Coffer.Server.Passwords;

/// <summary>
/// What a new password must be. Length is what matters (NIST SP 800-63B): at least 12 characters,
/// no composition rules; at most 256, which bounds the work of hashing. Passwords are compared in
/// Unicode normalization form C, so the same text typed on two keyboards is the same password.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    /// <summary>The password as it is hashed, or a 400 saying what is wrong with it.</summary>
    public static string RequireNew(string? password, string field)
    {
        if (password is null)
        {
            throw ApiError.BadRequest($"the request needs the new password (\"{field}\")");
        }
        var normalized = Normalize(password);
        var length = normalized.EnumerateRunes().Count();
        if (length < MinLength || length > MaxLength)
        {
            throw ApiError.BadRequest($"the password must have {MinLength} to {MaxLength} characters");
        }
        if (normalized.Any(char.IsControl))
        {
            throw ApiError.BadRequest("the password must not contain control characters");
        }
        return normalized;
    }

    /// <summary>A password given to sign in or to confirm a change, normalized as stored ones were; over-long text is cut, so it costs no more to hash and simply does not match.</summary>
    public static string Normalize(string password)
    {
        var bounded = password.Length > 4 * MaxLength ? password[..(4 * MaxLength)] : password;
        try
        {
            return bounded.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalized; such text was never a stored password.
            return bounded;
        }
    }
}
