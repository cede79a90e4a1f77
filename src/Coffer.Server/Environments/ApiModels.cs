using System.Globalization;

namespace Coffer.Server.Environments;

// The JSON shapes of the ESC API (see the API reference for which fields each client requires).

public sealed record OrgEnvironment(string Organization, string Project, string Name, string Created, string Modified);

public sealed record ListEnvironmentsResponse(IReadOnlyList<OrgEnvironment> Environments, string? NextToken);

public sealed record CreateEnvironmentRequest(string? Project, string? Name);

public sealed record RevisionRetraction(int Replacement, string At, string ByLogin, string ByName, string Reason);

public sealed record RevisionInfo(int Number, string Created, string CreatorLogin, string CreatorName, IReadOnlyList<string> Tags, RevisionRetraction? Retracted);

public sealed record RevisionTagInfo(string Name, int Revision, string Created, string Modified, string EditorLogin, string EditorName);

public sealed record ListRevisionTagsResponse(IReadOnlyList<RevisionTagInfo> Tags, string? NextToken);

public sealed record CreateRevisionTagRequest(string? Name, int? Revision);

public sealed record UpdateRevisionTagRequest(int? Revision);

public sealed record RetractRequest(int? Replacement, string? Reason);

public sealed record EnvironmentTagInfo(string Name, string Value, string Created, string Modified, string EditorLogin, string EditorName);

public sealed record ListEnvironmentTagsResponse(IReadOnlyDictionary<string, EnvironmentTagInfo> Tags, string NextToken);

public sealed record CreateEnvironmentTagRequest(string? Name, string? Value);

public sealed record TagFields(string? Name, string? Value);

public sealed record UpdateEnvironmentTagRequest(TagFields? CurrentTag, TagFields? NewTag);

public sealed record OpenResponse(string Id);

public sealed record CloneRequest(string? Project, string? Name, int? Version, bool? PreserveHistory, bool? PreserveAccess, bool? PreserveEnvironmentTags, bool? PreserveRevisionTags);

public sealed record EnvironmentSettings(bool DeletionProtected);

public sealed record EnvironmentSettingsPatch(bool? DeletionProtected);

public sealed record ReferrerEnvironment(string Project, string Name, int Revision);

public sealed record Referrer(ReferrerEnvironment Environment);

public sealed record ReferrersResponse(IReadOnlyDictionary<string, IReadOnlyList<Referrer>> Referrers, string? ContinuationToken);

/// <summary>Timestamps as RFC 3339 text in UTC, which every client parses.</summary>
public static class ApiTime
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
