namespace Coffer.Server.Audit;

/// <summary>
/// One audited action: who did what to which environment of an organization, from where, and how
/// it ended. <see cref="Details"/> is a JSON object of non-secret facts (never a secret or a token
/// value). <see cref="Project"/> and <see cref="Environment"/> are empty for organization-wide actions.
/// </summary>
public sealed record AuditEvent(
    DateTimeOffset Time,
    string OrganizationId,
    string Actor,
    string TokenId,
    string ClientAddress,
    string UserAgent,
    string Action,
    string Project,
    string Environment,
    int? Revision,
    string Outcome,
    string Details);

/// <summary>An event as stored: its place in its organization's chain and the hashes that link it.</summary>
public sealed record AuditRecord(long Sequence, AuditEvent Event, string PreviousHash, string Hash);

/// <summary>The newest link of an organization's chain.</summary>
public sealed record AuditChainHead(long Sequence, string Hash);

/// <summary>Filters of an audit query; null means any.</summary>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Actor = null,
    string? Project = null,
    string? Environment = null,
    string? Action = null,
    string? Outcome = null);

/// <summary>How an audited request ended.</summary>
public static class AuditOutcomes
{
    public const string Success = "success";

    /// <summary>The caller lacked the permission (403, or 404 hiding the environment).</summary>
    public const string Denied = "denied";

    /// <summary>A token was presented but is not valid (401).</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The request was refused for another reason (bad input, conflict, evaluation errors).</summary>
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Success, Denied, Unauthenticated, Failed];
}
