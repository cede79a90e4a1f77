using System.Text.Json;

namespace Coffer.Client.Models;

/// <summary>One record of an organization's audit log.</summary>
/// <param name="Sequence">Its place in the organization's hash chain, from 1.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Organization">The organization.</param>
/// <param name="Actor">The user's login, or for organization and team tokens <c>organization-token:NAME</c> / <c>team-token:NAME</c>; empty when the token was not valid.</param>
/// <param name="TokenId">The id of the access token used (never its value).</param>
/// <param name="ClientAddress">The client's IP address as the server saw it.</param>
/// <param name="UserAgent">The client's User-Agent header (shortened to 256 characters).</param>
/// <param name="Action">What was done, such as <c>environment.open</c>.</param>
/// <param name="Project">The project acted on; empty for organization-wide actions.</param>
/// <param name="Environment">The environment acted on; empty for organization-wide actions.</param>
/// <param name="Revision">The revision read, opened or written, when there is one.</param>
/// <param name="Outcome"><c>success</c>, <c>denied</c>, <c>unauthenticated</c> or <c>failed</c>.</param>
/// <param name="Details">Further non-secret facts, a JSON object.</param>
/// <param name="PreviousHash">The hash of the record before it in the chain.</param>
/// <param name="Hash">This record's hash.</param>
public sealed record AuditEvent(
    long Sequence,
    DateTimeOffset Time,
    string Organization,
    string Actor,
    string TokenId,
    string ClientAddress,
    string UserAgent,
    string Action,
    string Project,
    string Environment,
    int? Revision,
    string Outcome,
    JsonElement Details,
    string PreviousHash,
    string Hash);

/// <summary>One page of audit events, newest first.</summary>
/// <param name="Events">The events of this page.</param>
/// <param name="ContinuationToken">Pass it to get the next page; null on the last page.</param>
public sealed record AuditEventPage(IReadOnlyList<AuditEvent> Events, string? ContinuationToken);

/// <summary>Which audit events to return; every filter left null matches everything.</summary>
public sealed record AuditFilter
{
    /// <summary>Events at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Events before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Events of this actor (a login, or <c>organization-token:NAME</c>).</summary>
    public string? Actor { get; init; }

    /// <summary>Events on this environment, as <c>project/name</c>.</summary>
    public string? Environment { get; init; }

    /// <summary>Events of this action, such as <c>environment.open</c>.</summary>
    public string? Action { get; init; }

    /// <summary>Events with this outcome: <c>success</c>, <c>denied</c>, <c>unauthenticated</c> or <c>failed</c>.</summary>
    public string? Outcome { get; init; }
}

/// <summary>The result of checking an organization's audit chain.</summary>
/// <param name="Valid">Whether every record verified.</param>
/// <param name="Records">How many records were checked.</param>
/// <param name="HeadSequence">The newest record when the check started.</param>
/// <param name="HeadHash">Its hash: note it somewhere else to detect a chain rewritten as a whole later.</param>
/// <param name="FirstBroken">The first record that does not verify, when there is one.</param>
public sealed record AuditVerification(bool Valid, long Records, long HeadSequence, string HeadHash, BrokenAuditRecord? FirstBroken);

/// <summary>A record of the audit chain that does not verify.</summary>
/// <param name="Sequence">Its sequence number.</param>
/// <param name="Reason">Why: changed, missing, or not linked to the one before.</param>
public sealed record BrokenAuditRecord(long Sequence, string Reason);
