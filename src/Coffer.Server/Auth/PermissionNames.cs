namespace Coffer.Server.Auth;

/// <summary>How a <see cref="Permission"/> is spelled in the API and in the database: none, read, open, write, admin.</summary>
public static class PermissionNames
{
    public static string Format(Permission permission) => permission switch
    {
        Permission.None => "none",
        Permission.Read => "read",
        Permission.Open => "open",
        Permission.Write => "write",
        Permission.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, "unknown permission"),
    };

    public static bool TryParse(string? text, out Permission permission)
    {
        (var known, permission) = text switch
        {
            "none" => (true, Permission.None),
            "read" => (true, Permission.Read),
            "open" => (true, Permission.Open),
            "write" => (true, Permission.Write),
            "admin" => (true, Permission.Admin),
            _ => (false, Permission.None),
        };
        return known;
    }

    public static Permission Parse(string stored) =>
        TryParse(stored, out var permission) ? permission : throw new InvalidOperationException($"the database holds an unknown permission '{stored}'");
}
