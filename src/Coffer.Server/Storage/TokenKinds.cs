namespace Coffer.Server.Storage;

/// <summary>How <see cref="TokenKind"/> is spelled in the database (stable across renames of the enum).</summary>
internal static class TokenKinds
{
    public static string Format(TokenKind kind) => kind switch
    {
        TokenKind.Personal => "personal",
        TokenKind.Team => "team",
        TokenKind.Organization => "organization",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown token kind"),
    };

    public static TokenKind Parse(string stored) => stored switch
    {
        "personal" => TokenKind.Personal,
        "team" => TokenKind.Team,
        "organization" => TokenKind.Organization,
        _ => throw new InvalidOperationException($"the database holds an unknown token kind '{stored}'"),
    };
}
