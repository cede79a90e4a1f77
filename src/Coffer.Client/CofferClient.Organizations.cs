using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

public sealed partial class CofferClient
{
    private static string OrganizationUrl(string organization) => $"/api/orgs/{Escape(organization)}";

    /// <summary>The members of <paramref name="organization"/> and their roles (administrators only).</summary>
    public async Task<IReadOnlyList<Member>> ListMembersAsync(string organization, CancellationToken cancellationToken = default) =>
        (await SendJsonAsync(HttpMethod.Get, OrganizationUrl(organization) + "/members", null, ClientJsonContext.Default.MemberList, cancellationToken).ConfigureAwait(false)).Members;

    /// <summary>Adds an existing user to the organization as <c>member</c> (the default) or <c>admin</c>.</summary>
    public Task<Member> AddMemberAsync(string organization, string login, string? role = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Post, OrganizationUrl(organization) + "/members",
            Json(new LoginRequest(login, role), ClientJsonContext.Default.LoginRequest), ClientJsonContext.Default.Member, cancellationToken);

    /// <summary>Creates a user as a member of the organization; the result carries their first personal token, shown this once.</summary>
    public Task<CreatedUser> CreateUserAsync(string organization, string login, string? name = null, string? email = null, string? role = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Post, OrganizationUrl(organization) + "/users",
            Json(new NewUserRequest(login, name, email, role), ClientJsonContext.Default.NewUserRequest), ClientJsonContext.Default.CreatedUser, cancellationToken);

    /// <summary>Changes a member's role to <c>member</c> or <c>admin</c>.</summary>
    public Task<Member> SetMemberRoleAsync(string organization, string login, string role, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Patch, $"{OrganizationUrl(organization)}/members/{Escape(login)}",
            Json(new RoleRequest(role), ClientJsonContext.Default.RoleRequest), ClientJsonContext.Default.Member, cancellationToken);

    /// <summary>Removes a member, with their grants and team memberships in the organization.</summary>
    public Task RemoveMemberAsync(string organization, string login, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"{OrganizationUrl(organization)}/members/{Escape(login)}", null, cancellationToken);

    /// <summary>The organization's access settings (administrators only).</summary>
    public Task<OrganizationSettings> GetOrganizationSettingsAsync(string organization, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Get, OrganizationUrl(organization) + "/settings", null, ClientJsonContext.Default.OrganizationSettings, cancellationToken);

    /// <summary>Changes the settings given (null leaves one as it is); returns them all.</summary>
    public Task<OrganizationSettings> UpdateOrganizationSettingsAsync(string organization, string? defaultPermission, bool? membersCanCreateEnvironments, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Patch, OrganizationUrl(organization) + "/settings",
            Json(new OrganizationSettingsPatch(defaultPermission, membersCanCreateEnvironments), ClientJsonContext.Default.OrganizationSettingsPatch),
            ClientJsonContext.Default.OrganizationSettings, cancellationToken);

    /// <summary>The grants on an environment (<paramref name="environment"/> a name) or on a whole project (<c>*</c>).</summary>
    public async Task<IReadOnlyList<Grant>> ListGrantsAsync(string organization, string project, string environment, CancellationToken cancellationToken = default) =>
        (await SendJsonAsync(HttpMethod.Get, $"{OrganizationUrl(organization)}/grants/{Escape(project)}/{Escape(environment)}", null,
            ClientJsonContext.Default.GrantList, cancellationToken).ConfigureAwait(false)).Grants;

    /// <summary>Grants a user (<paramref name="subjectKind"/> <c>users</c>) or a team (<c>teams</c>) a permission on an environment or a whole project (<c>*</c>).</summary>
    public Task<Grant> SetGrantAsync(string organization, string project, string environment, string subjectKind, string subject, string permission, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Put, GrantUrl(organization, project, environment, subjectKind, subject),
            Json(new PermissionRequest(permission), ClientJsonContext.Default.PermissionRequest), ClientJsonContext.Default.Grant, cancellationToken);

    /// <summary>Removes a grant.</summary>
    public Task RemoveGrantAsync(string organization, string project, string environment, string subjectKind, string subject, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, GrantUrl(organization, project, environment, subjectKind, subject), null, cancellationToken);

    private static string GrantUrl(string organization, string project, string environment, string subjectKind, string subject) =>
        $"{OrganizationUrl(organization)}/grants/{Escape(project)}/{Escape(environment)}/{Escape(subjectKind)}/{Escape(subject)}";
}
