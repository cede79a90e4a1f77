using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

public sealed partial class CofferClient
{
    private static string TeamUrl(string organization, string team) => $"{OrganizationUrl(organization)}/teams/{Escape(team)}";

    /// <summary>The teams of an organization.</summary>
    public async Task<IReadOnlyList<Team>> ListTeamsAsync(string organization, CancellationToken cancellationToken = default) =>
        (await SendJsonAsync(HttpMethod.Get, OrganizationUrl(organization) + "/teams", null, ClientJsonContext.Default.TeamList, cancellationToken).ConfigureAwait(false)).Teams;

    /// <summary>A team with its members.</summary>
    public Task<Team> GetTeamAsync(string organization, string team, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Get, TeamUrl(organization, team), null, ClientJsonContext.Default.Team, cancellationToken);

    /// <summary>Creates a team.</summary>
    public Task<Team> CreateTeamAsync(string organization, string team, string? description = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Post, OrganizationUrl(organization) + "/teams",
            Json(new TeamRequest(team, description), ClientJsonContext.Default.TeamRequest), ClientJsonContext.Default.Team, cancellationToken);

    /// <summary>Deletes a team with its grants; its tokens are revoked.</summary>
    public Task DeleteTeamAsync(string organization, string team, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, TeamUrl(organization, team), null, cancellationToken);

    /// <summary>Adds a member of the organization to a team.</summary>
    public Task AddTeamMemberAsync(string organization, string team, string login, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Put, $"{TeamUrl(organization, team)}/members/{Escape(login)}", null, cancellationToken);

    /// <summary>Removes a user from a team.</summary>
    public Task RemoveTeamMemberAsync(string organization, string team, string login, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"{TeamUrl(organization, team)}/members/{Escape(login)}", null, cancellationToken);
}
