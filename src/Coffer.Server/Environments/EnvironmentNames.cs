using System.Text.RegularExpressions;
using Coffer.Server.Api;

namespace Coffer.Server.Environments;

/// <summary>
/// Names of organizations, projects, environments and tags, and environment references as imports
/// write them: <c>env</c> (project <c>default</c>), <c>project/env</c>, with <c>@3</c> or <c>@tag</c>.
/// </summary>
public static partial class EnvironmentNames
{
    public const string DefaultProject = "default";

    /// <summary>
    /// <c>/environments/{org}/yaml/…</c> are the check and open endpoints for documents that are not
    /// stored; routing prefers them, so parts of an environment in a project of this name (such as
    /// <c>yaml/open/decrypt</c>) could never be reached.
    /// </summary>
    public const string ReservedProject = "yaml";

    public static void ValidateOrganization(string name)
    {
        if (!OrganizationPattern().IsMatch(name))
        {
            throw ApiError.BadRequest($"invalid organization name \"{name}\": use 3 to 40 letters, digits, '-' or '_', starting and ending with a letter or digit");
        }
    }

    public static void ValidateProjectOrEnvironment(string kind, string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw ApiError.BadRequest($"invalid {kind} name \"{name}\": use 1 to 100 letters, digits, '-', '_' or '.'");
        }
        RefuseDotSegment(kind, name);
    }

    public static void ValidateProject(string name)
    {
        ValidateProjectOrEnvironment("project", name);
        if (name == ReservedProject)
        {
            throw ApiError.BadRequest($"the project name \"{ReservedProject}\" is reserved for the API's /environments/{{org}}/{ReservedProject}/check and /open endpoints");
        }
    }

    /// <summary>Revision tag names: like environment names, but never starting with a digit (that means a revision number).</summary>
    public static void ValidateRevisionTag(string name)
    {
        if (!NamePattern().IsMatch(name) || char.IsAsciiDigit(name[0]))
        {
            throw ApiError.BadRequest($"invalid tag name \"{name}\": use 1 to 100 letters, digits, '-', '_' or '.', not starting with a digit");
        }
        RefuseDotSegment("tag", name);
    }

    // Clients resolve "." and ".." path segments before sending (RFC 3986), so a thing named so could
    // be created but never addressed again.
    private static void RefuseDotSegment(string kind, string name)
    {
        if (name is "." or "..")
        {
            throw ApiError.BadRequest($"invalid {kind} name \"{name}\": \".\" and \"..\" cannot be used in URLs");
        }
    }

    /// <summary>Parses an import (<c>env</c>, <c>project/env</c>, optionally <c>@version</c>); null when malformed.</summary>
    public static ImportReference? ParseImport(string text)
    {
        var version = (string?)null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            version = text[(at + 1)..];
            text = text[..at];
            if (version.Length == 0)
            {
                return null;
            }
        }
        var parts = text.Split('/');
        return parts switch
        {
            [var env] when NamePattern().IsMatch(env) => new ImportReference(DefaultProject, env, version),
            [var project, var env] when NamePattern().IsMatch(project) && NamePattern().IsMatch(env) => new ImportReference(project, env, version),
            _ => null,
        };
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9-_]{1,38}[a-zA-Z0-9]$")]
    private static partial Regex OrganizationPattern();

    [GeneratedRegex("^[a-zA-Z0-9-_.]{1,100}$")]
    private static partial Regex NamePattern();
}

/// <summary>An environment named by an import, with an optional revision number or tag.</summary>
public sealed record ImportReference(string Project, string Environment, string? Version)
{
    /// <summary>The name stored for referrer queries: <c>project/env</c> without version.</summary>
    public string Key => $"{Project}/{Environment}";
}
