namespace Coffer.Client.Models;

/// <summary>A revision: one version of an environment's definition.</summary>
/// <param name="Number">The revision number, from 1.</param>
/// <param name="Created">When it was written.</param>
/// <param name="CreatorLogin">Who wrote it (login).</param>
/// <param name="CreatorName">Who wrote it (display name).</param>
/// <param name="Tags">The revision tags that point at it, <c>latest</c> included.</param>
/// <param name="Retracted">Set when the revision was retracted.</param>
public sealed record Revision(int Number, DateTimeOffset? Created, string? CreatorLogin, string? CreatorName, IReadOnlyList<string>? Tags, RevisionRetraction? Retracted);

/// <summary>Why and by whom a revision was retracted, and what replaces it.</summary>
/// <param name="Replacement">The revision used instead.</param>
/// <param name="At">When it was retracted.</param>
/// <param name="ByLogin">Who retracted it (login).</param>
/// <param name="ByName">Who retracted it (display name).</param>
/// <param name="Reason">The reason given.</param>
public sealed record RevisionRetraction(int Replacement, DateTimeOffset? At, string? ByLogin, string? ByName, string? Reason);

/// <summary>A named pointer to a revision (<c>latest</c> always names the newest).</summary>
/// <param name="Name">The tag's name.</param>
/// <param name="Revision">The revision it points at.</param>
/// <param name="Created">When it was created.</param>
/// <param name="Modified">When it last moved.</param>
/// <param name="EditorLogin">Who last moved it (login).</param>
/// <param name="EditorName">Who last moved it (display name).</param>
public sealed record RevisionTag(string Name, int Revision, DateTimeOffset? Created, DateTimeOffset? Modified, string? EditorLogin, string? EditorName);

/// <summary>One page of revision tags, ordered by name.</summary>
/// <param name="Tags">The tags of this page.</param>
/// <param name="NextToken">The name to pass as <c>after</c> for the next page, when there may be one.</param>
public sealed record RevisionTagPage(IReadOnlyList<RevisionTag> Tags, string? NextToken);

/// <summary>A key/value tag on an environment (not versioned).</summary>
/// <param name="Name">The tag's name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Created">When it was created.</param>
/// <param name="Modified">When it last changed.</param>
/// <param name="EditorLogin">Who last changed it (login).</param>
/// <param name="EditorName">Who last changed it (display name).</param>
public sealed record EnvironmentTag(string Name, string Value, DateTimeOffset? Created, DateTimeOffset? Modified, string? EditorLogin, string? EditorName);

/// <summary>One page of environment tags.</summary>
/// <param name="Tags">The tags of this page, by name.</param>
/// <param name="NextToken">Pass as <c>after</c> for the next page; <c>"0"</c> at the end.</param>
public sealed record EnvironmentTagPage(IReadOnlyDictionary<string, EnvironmentTag> Tags, string? NextToken);
