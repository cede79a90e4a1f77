namespace Coffer.Client.Models;

/// <summary>An environment in a listing.</summary>
/// <param name="Organization">The organization.</param>
/// <param name="Project">The project.</param>
/// <param name="Name">The environment's name.</param>
/// <param name="Created">When it was created.</param>
/// <param name="Modified">When its definition last changed.</param>
public sealed record EnvironmentSummary(string Organization, string Project, string Name, DateTimeOffset? Created, DateTimeOffset? Modified)
{
    /// <summary>Where the environment lives.</summary>
    public EnvironmentPath Path => new(Organization, Project, Name);
}

/// <summary>One page of an environment listing.</summary>
/// <param name="Environments">The environments of this page.</param>
/// <param name="NextToken">Pass this to get the next page; null or empty at the end.</param>
public sealed record EnvironmentPage(IReadOnlyList<EnvironmentSummary> Environments, string? NextToken);

/// <summary>A definition as stored: YAML text, and the revision and ETag it was read at.</summary>
/// <param name="Yaml">The YAML text; secrets are ciphertext unless it was read decrypted.</param>
/// <param name="Revision">The revision number the text belongs to.</param>
/// <param name="ETag">Send this back with an update so it only succeeds if nobody changed the environment meanwhile.</param>
public sealed record EnvironmentDefinitionText(string Yaml, int Revision, string? ETag);

/// <summary>The outcome of storing a definition.</summary>
/// <param name="Revision">The revision the update created.</param>
/// <param name="Warnings">Warnings about the stored definition.</param>
public sealed record UpdateResult(int Revision, IReadOnlyList<Diagnostic> Warnings);

/// <summary>What to copy when cloning an environment.</summary>
public sealed record CloneOptions
{
    /// <summary>Copy every revision rather than only the current definition.</summary>
    public bool PreserveHistory { get; init; }

    /// <summary>Copy the grants on the environment (the server allows it to organization administrators only).</summary>
    public bool PreserveAccess { get; init; }

    /// <summary>Copy the environment tags.</summary>
    public bool PreserveEnvironmentTags { get; init; }

    /// <summary>Copy the revision tags (with <see cref="PreserveHistory"/>).</summary>
    public bool PreserveRevisionTags { get; init; }
}

/// <summary>An environment's settings.</summary>
/// <param name="DeletionProtected">When true the environment cannot be deleted.</param>
public sealed record EnvironmentSettings(bool DeletionProtected);
