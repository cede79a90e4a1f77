using Coffer.Server.Api;

namespace Coffer.Server.Organizations;

/// <summary>User logins and team names: they appear in URL paths, so they keep to a safe alphabet.</summary>
internal static class AccountNames
{
    private const int MaxLength = 64;

    /// <summary>The name, or a 400 that starts with <paramref name="need"/> (e.g. <c>the team needs a name ("name")</c>).</summary>
    public static string Require(string? name, string need) =>
        name is { Length: > 0 and <= MaxLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? name
            : throw ApiError.BadRequest($"{need} of at most {MaxLength} letters, digits, '-', '_' or '.'");
}
