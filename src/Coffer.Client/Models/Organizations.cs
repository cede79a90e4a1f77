namespace Coffer.Client.Models;

/// <summary>A member of an organization.</summary>
/// <param name="Login">The user's login.</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">The e-mail address, or empty.</param>
/// <param name="Role"><c>member</c> or <c>admin</c>.</param>
public sealed record Member(string Login, string Name, string? Email, string Role);

/// <summary>The members of an organization.</summary>
/// <param name="Members">The members, with their roles.</param>
public sealed record MemberList(IReadOnlyList<Member> Members);

/// <summary>A user just created as a member, with their first personal token (shown this once).</summary>
/// <param name="User">The new member.</param>
/// <param name="Token">The token's value.</param>
/// <param name="TokenInfo">The token's metadata.</param>
public sealed record CreatedUser(Member User, string Token, TokenInfo TokenInfo);

/// <summary>An organization's access settings.</summary>
/// <param name="DefaultPermission">What every member may do with every environment: <c>none</c>, <c>read</c>, <c>open</c>, <c>write</c> or <c>admin</c>.</param>
/// <param name="MembersCanCreateEnvironments">Whether members who are not administrators may create environments.</param>
public sealed record OrganizationSettings(string DefaultPermission, bool MembersCanCreateEnvironments);

/// <summary>A team of an organization.</summary>
/// <param name="Name">The team's name.</param>
/// <param name="Description">What the team is for.</param>
/// <param name="Created">When it was created, in unix seconds.</param>
/// <param name="Members">Its members, when the team was read on its own; null in lists.</param>
public sealed record Team(string Name, string Description, long Created, IReadOnlyList<TeamMember>? Members = null);

/// <summary>A member of a team.</summary>
/// <param name="Login">The user's login.</param>
/// <param name="Name">The display name.</param>
public sealed record TeamMember(string Login, string Name);

/// <summary>The teams of an organization.</summary>
/// <param name="Teams">The teams, without their members.</param>
public sealed record TeamList(IReadOnlyList<Team> Teams);

/// <summary>A permission given to a user or a team on an environment or on a whole project.</summary>
/// <param name="SubjectKind"><c>user</c> or <c>team</c>.</param>
/// <param name="Subject">The user's login or the team's name.</param>
/// <param name="Scope"><c>project/env</c>, or <c>project/*</c> for every environment of the project.</param>
/// <param name="Permission"><c>none</c>, <c>read</c>, <c>open</c>, <c>write</c> or <c>admin</c>.</param>
public sealed record Grant(string SubjectKind, string Subject, string Scope, string Permission);

/// <summary>The grants on one scope.</summary>
/// <param name="Grants">The grants.</param>
public sealed record GrantList(IReadOnlyList<Grant> Grants);

/// <summary>An access token's metadata (never its value). Times are unix seconds; 0 means never.</summary>
/// <param name="Id">The token's identifier.</param>
/// <param name="Name">Its name, unique among its owner's tokens.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Created">When it was created.</param>
/// <param name="LastUsed">When it was last used (to the minute), or 0.</param>
/// <param name="Expires">When it expires, or 0 for never.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="Admin">For organization tokens: whether it acts as an administrator.</param>
/// <param name="Revoked">Whether it was revoked.</param>
public sealed record TokenInfo(string Id, string Name, string Description, long Created, long LastUsed, long Expires, string CreatedBy, bool Admin, bool Revoked);

/// <summary>A list of tokens.</summary>
/// <param name="Tokens">The tokens, newest first.</param>
public sealed record TokenList(IReadOnlyList<TokenInfo> Tokens);

/// <summary>A token just created: its value, shown this once, and its metadata.</summary>
/// <param name="Token">The value, sent as <c>Authorization: token …</c>.</param>
/// <param name="TokenInfo">The metadata.</param>
public sealed record CreatedToken(string Token, TokenInfo TokenInfo);

/// <summary>The answer to signing in: a short-lived personal token for one organization.</summary>
/// <param name="Token">The token's value, shown this once.</param>
/// <param name="TokenInfo">Its metadata, with its expiry.</param>
/// <param name="Organization">The organization the token reaches.</param>
/// <param name="Login">The user signed in.</param>
public sealed record SignedIn(string Token, TokenInfo TokenInfo, string Organization, string Login);

/// <summary>What to create a token with.</summary>
/// <param name="Name">The name: at most 40 characters, unique among the owner's tokens.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Expires">When it expires; null for never (at most two years ahead).</param>
/// <param name="Admin">For organization tokens: act as an administrator.</param>
public sealed record TokenOptions(string Name, string? Description = null, DateTimeOffset? Expires = null, bool Admin = false);
