namespace Coffer.Cli.Remote.Credentials;

/// <summary>The logins coffer remembers: one account per server, and which server is current.</summary>
internal sealed class StoredCredentials
{
    /// <summary>The URL of the server commands talk to, or null when logged out.</summary>
    public string? Current { get; set; }

    /// <summary>The accounts by server URL.</summary>
    public Dictionary<string, StoredAccount> Accounts { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A login on one server.</summary>
internal sealed class StoredAccount
{
    public required string AccessToken { get; set; }

    public required string Username { get; set; }

    /// <summary>The organization of references that name none (<c>project/env</c>, <c>env</c>).</summary>
    public string? DefaultOrganization { get; set; }

    public DateTimeOffset LastValidatedAt { get; set; }
}
