namespace Coffer.Server.Auth;

/// <summary>What a caller may do with an environment; each level includes the ones below it.</summary>
public enum Permission
{
    /// <summary>Nothing: the environment looks as if it did not exist.</summary>
    None,

    /// <summary>See the definition (secrets as ciphertext), revisions and tags.</summary>
    Read,

    /// <summary>Also decrypt and evaluate: open, run providers, clone.</summary>
    Open,

    /// <summary>Also change the definition, tags, revision tags; retract; rotate.</summary>
    Write,

    /// <summary>Also delete and change settings.</summary>
    Admin,
}
