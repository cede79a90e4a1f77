namespace Coffer.Server.Audit;

/// <summary>
/// The names of audited actions. Environment events follow Pulumi ESC's audit log (Environment
/// Created, Open, Read Open, Unauthorized Open, Decrypted, …) in <c>noun.verb</c> form.
/// </summary>
public static class AuditActions
{
    public const string EnvironmentCreated = "environment.created";
    public const string EnvironmentUpdated = "environment.updated";
    public const string EnvironmentDeleted = "environment.deleted";
    public const string EnvironmentRead = "environment.read";
    public const string EnvironmentDecrypted = "environment.decrypted";
    public const string EnvironmentOpen = "environment.open";
    public const string EnvironmentReadOpen = "environment.read_open";
    public const string EnvironmentUnauthorizedOpen = "environment.unauthorized_open";
    public const string EnvironmentClone = "environment.clone";
    public const string EnvironmentRotated = "environment.rotated";
    public const string EnvironmentReferrersRead = "environment.referrers_read";
    public const string EnvironmentSettingsRead = "environment.settings_read";
    public const string EnvironmentSettingsUpdated = "environment.settings_updated";

    public const string EnvironmentTagsRead = "environment_tag.read";
    public const string EnvironmentTagCreated = "environment_tag.created";
    public const string EnvironmentTagUpdated = "environment_tag.updated";
    public const string EnvironmentTagDeleted = "environment_tag.deleted";

    public const string EnvironmentVersionsRead = "environment_version.list";
    public const string EnvironmentVersionRead = "environment_version.read";
    public const string EnvironmentVersionDecrypted = "environment_version.decrypted";
    public const string EnvironmentVersionOpen = "environment_version.open";
    public const string EnvironmentVersionRetracted = "environment_version.retracted";

    public const string EnvironmentVersionTagsRead = "environment_version_tag.list";
    public const string EnvironmentVersionTagRead = "environment_version_tag.read";
    public const string EnvironmentVersionTagCreated = "environment_version_tag.created";
    public const string EnvironmentVersionTagUpdated = "environment_version_tag.updated";
    public const string EnvironmentVersionTagDeleted = "environment_version_tag.deleted";

    public const string YamlCheck = "yaml.check";
    public const string YamlOpen = "yaml.open";
    public const string YamlReadOpen = "yaml.read_open";

    public const string OidcTokenMinted = "oidc.token_minted";

    public const string TokensRead = "token.list";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";

    public const string MembersRead = "member.list";
    public const string MemberAdded = "member.added";
    public const string MemberRoleChanged = "member.role_changed";
    public const string MemberRemoved = "member.removed";
    public const string UserCreated = "user.created";

    public const string TeamsRead = "team.read";
    public const string TeamCreated = "team.created";
    public const string TeamUpdated = "team.updated";
    public const string TeamDeleted = "team.deleted";
    public const string TeamMemberAdded = "team.member_added";
    public const string TeamMemberRemoved = "team.member_removed";

    public const string GrantsRead = "grant.list";
    public const string GrantSet = "grant.set";
    public const string GrantRemoved = "grant.removed";

    public const string OrganizationSettingsRead = "organization.settings_read";
    public const string OrganizationSettingsUpdated = "organization.settings_updated";

    /// <summary>A request presented a token that is not valid (401).</summary>
    public const string AuthenticationFailed = "authentication.failed";

    /// <summary>A user signed in with a password, or tried to (a wrong password is <see cref="AuditOutcomes.Unauthenticated"/>).</summary>
    public const string SignIn = "authentication.sign_in";

    /// <summary>An administrator set a member's password.</summary>
    public const string MemberPasswordSet = "member.password_set";

    /// <summary>A user set or changed their own password (recorded in each of their organizations).</summary>
    public const string PasswordChanged = "user.password_changed";

    public const string AuditRead = "audit.read";
    public const string AuditExported = "audit.exported";
    public const string AuditVerified = "audit.verified";
}
