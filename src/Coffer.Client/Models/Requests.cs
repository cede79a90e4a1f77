namespace Coffer.Client.Models;

// Request bodies: internal, the client's methods take their fields as parameters.

internal sealed record CreateEnvironmentRequest(string Project, string Name);

internal sealed record CloneEnvironmentRequest(string Project, string Name, int? Version, bool PreserveHistory, bool PreserveAccess, bool PreserveEnvironmentTags, bool PreserveRevisionTags);

internal sealed record CreateRevisionTagRequest(string Name, int? Revision);

internal sealed record UpdateRevisionTagRequest(int? Revision);

internal sealed record CreateEnvironmentTagRequest(string Name, string Value);

internal sealed record TagFields(string? Name, string? Value);

internal sealed record UpdateEnvironmentTagRequest(TagFields CurrentTag, TagFields NewTag);

internal sealed record SettingsPatch(bool? DeletionProtected);

internal sealed record RetractRequest(int? Replacement, string? Reason);

internal sealed record ErrorBody(int Code, string? Message, IReadOnlyList<Diagnostic>? Diagnostics);

internal sealed record UpdateResponse(IReadOnlyList<Diagnostic>? Diagnostics);

internal sealed record LoginRequest(string Login, string? Role);

internal sealed record NewUserRequest(string Login, string? Name, string? Email, string? Role);

internal sealed record RoleRequest(string Role);

internal sealed record OrganizationSettingsPatch(string? DefaultPermission, bool? MembersCanCreateEnvironments);

internal sealed record TeamRequest(string? Name, string? Description);

internal sealed record PermissionRequest(string Permission);

internal sealed record TokenRequest(string Name, string? Description, long? Expires, bool? Admin);

internal sealed record MemberPasswordRequest(string Password);

internal sealed record OwnPasswordRequest(string? CurrentPassword, string NewPassword);

internal sealed record SignInRequest(string Login, string Password, string Organization);
