namespace Coffer.Server.Storage;

/// <summary>Organization settings, members, teams and grants: what the access policy decides from.</summary>
public interface IAccessControlStore
{
    /// <summary>The settings of an organization; <see cref="OrganizationSettings.Default"/> for one that does not exist.</summary>
    Task<OrganizationSettings> GetOrganizationSettingsAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>Changes an organization's settings; false when the organization does not exist.</summary>
    Task<bool> SetOrganizationSettingsAsync(string organizationId, OrganizationSettings settings, CancellationToken cancellationToken);

    /// <summary>The members of an organization, ordered by user id.</summary>
    Task<IReadOnlyList<Membership>> ListMembersAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a user from an organization with their grants and team memberships there, in one
    /// transaction; false when the user was not a member.
    /// </summary>
    Task<bool> RemoveMembershipAsync(string organizationId, string userId, CancellationToken cancellationToken);

    /// <summary>Creates a team; <see cref="ConflictException"/> when the organization has a team of that name or does not exist.</summary>
    Task CreateTeamAsync(Team team, CancellationToken cancellationToken);

    Task<Team?> FindTeamAsync(string organizationId, string name, CancellationToken cancellationToken);

    Task<Team?> GetTeamAsync(string id, CancellationToken cancellationToken);

    /// <summary>The teams of an organization, ordered by name.</summary>
    Task<IReadOnlyList<Team>> ListTeamsAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>Changes a team's description; false when the team does not exist.</summary>
    Task<bool> SetTeamDescriptionAsync(string teamId, string description, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a team with its memberships and grants, and revokes its tokens at <paramref name="now"/>,
    /// in one transaction; false when the team does not exist.
    /// </summary>
    Task<bool> DeleteTeamAsync(string teamId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds a user to a team (again is no change); <see cref="ConflictException"/> when either does not exist.</summary>
    Task AddTeamMemberAsync(string teamId, string userId, CancellationToken cancellationToken);

    /// <summary>False when the user was not in the team.</summary>
    Task<bool> RemoveTeamMemberAsync(string teamId, string userId, CancellationToken cancellationToken);

    /// <summary>The users of a team, ordered by login.</summary>
    Task<IReadOnlyList<User>> ListTeamMembersAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>The teams of an organization that a user belongs to, ordered by name.</summary>
    Task<IReadOnlyList<Team>> ListUserTeamsAsync(string organizationId, string userId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the grant to its subject on its scope; <see cref="ConflictException"/> when the organization does not exist.</summary>
    Task SetGrantAsync(Grant grant, CancellationToken cancellationToken);

    /// <summary>False when there was no such grant.</summary>
    Task<bool> RemoveGrantAsync(string organizationId, GrantSubjectKind subjectKind, string subjectId, string project, string environment, CancellationToken cancellationToken);

    /// <summary>
    /// The grants on exactly one scope (an environment, or <see cref="Grant.WholeProject"/>), ordered
    /// by subject kind and id.
    /// </summary>
    Task<IReadOnlyList<Grant>> ListGrantsAsync(string organizationId, string project, string environment, CancellationToken cancellationToken);

    /// <summary>The grants that apply to an environment: on it, or on its whole project.</summary>
    Task<IReadOnlyList<Grant>> ListGrantsApplyingToAsync(string organizationId, string project, string environment, CancellationToken cancellationToken);
}
