namespace Coffer.Client;

/// <summary>Where an environment lives on a server: <c>organization/project/name</c>.</summary>
/// <param name="Organization">The organization.</param>
/// <param name="Project">The project within the organization.</param>
/// <param name="Name">The environment within the project.</param>
public sealed record EnvironmentPath(string Organization, string Project, string Name)
{
    /// <summary>The path as users write it: <c>organization/project/name</c>.</summary>
    public override string ToString() => $"{Organization}/{Project}/{Name}";
}
