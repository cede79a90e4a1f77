namespace Coffer.Server.Storage;

/// <summary>An organization: the unit that owns environments, members and tokens.</summary>
public sealed record Organization(string Id, string Name, DateTimeOffset Created);

/// <summary>A person who signs in or acts through personal tokens.</summary>
public sealed record User(string Id, string Login, string Name, string? Email, DateTimeOffset Created);

/// <summary>A user's membership of an organization.</summary>
public sealed record Membership(string OrganizationId, string UserId, string Role);

/// <summary>Who a token acts as.</summary>
public enum TokenKind
{
    /// <summary>Acts as its user.</summary>
    Personal,

    /// <summary>Acts as a team of an organization.</summary>
    Team,

    /// <summary>Acts as the organization itself.</summary>
    Organization,
}

/// <summary>
/// An access token. Only a hash of the token's value is stored; the value is shown once when the
/// token is created. <see cref="Admin"/> matters for organization tokens only: they act as an
/// organization administrator when it is set, else with the organization's default permission.
/// </summary>
public sealed record AccessToken(
    string Id,
    byte[] ValueHash,
    TokenKind Kind,
    string? UserId,
    string? OrganizationId,
    string? TeamId,
    string Name,
    string Description,
    DateTimeOffset Created,
    DateTimeOffset? LastUsed,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked,
    string CreatedBy,
    bool Admin = false);

/// <summary>The person or token an action is recorded against.</summary>
public sealed record Actor(string Login, string Name);

/// <summary>
/// An environment. Its definition lives in revisions; <see cref="WrappedDataKey"/> is the
/// environment's data key, encrypted by the key-encryption key of <see cref="KeyVersion"/>.
/// </summary>
public sealed record EnvironmentRecord(
    string Id,
    string OrganizationId,
    string Project,
    string Name,
    DateTimeOffset Created,
    DateTimeOffset Modified,
    int LatestRevision,
    bool DeletionProtected,
    byte[] WrappedDataKey,
    int KeyVersion);

/// <summary>
/// An environment and the access version of its organization when it was read: a counter that
/// every change to members, teams, grants or the organization's access settings moves forward in
/// the same transaction, so a permission decided at one version holds while the version does.
/// </summary>
public sealed record EnvironmentUnderAccess(EnvironmentRecord Environment, long AccessVersion);

/// <summary>Why and by whom a revision was retracted, and which revision replaces it.</summary>
public sealed record Retraction(int Replacement, DateTimeOffset At, string ByLogin, string ByName, string Reason);

/// <summary>An immutable, numbered revision of an environment's definition (secrets as ciphertext).</summary>
public sealed record RevisionRecord(
    string EnvironmentId,
    int Number,
    string Definition,
    DateTimeOffset Created,
    string CreatorLogin,
    string CreatorName,
    Retraction? Retracted);

/// <summary>A named pointer to a revision (<c>stable</c>, <c>prod</c>); <c>latest</c> is implicit and always the newest.</summary>
public sealed record RevisionTag(
    string EnvironmentId,
    string Name,
    int Revision,
    DateTimeOffset Created,
    DateTimeOffset Modified,
    string EditorLogin,
    string EditorName);

/// <summary>Free key/value metadata of an environment (not versioned).</summary>
public sealed record EnvironmentTag(
    string EnvironmentId,
    string Name,
    string Value,
    DateTimeOffset Created,
    DateTimeOffset Modified,
    string EditorLogin,
    string EditorName);

/// <summary>
/// The stored result of opening an environment. <see cref="Payload"/> is encrypted with the
/// environment's data key; the session is unreadable after <see cref="Expires"/>.
/// </summary>
public sealed record OpenSession(
    string Id,
    string EnvironmentId,
    int Revision,
    byte[] Payload,
    DateTimeOffset Created,
    DateTimeOffset Expires);

/// <summary>One page of a listing and the token for the next page (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// A write lost a race, broke a uniqueness rule or refers to something that no longer exists
/// (an environment deleted meanwhile, a revision that is not there); nothing was changed. The
/// message is safe to show to the caller.
/// </summary>
public sealed class ConflictException(string message) : Exception(message);
