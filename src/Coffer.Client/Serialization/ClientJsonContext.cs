using System.Text.Json.Serialization;
using Coffer.Client.Models;

namespace Coffer.Client.Serialization;

/// <summary>
/// Source-generated serialisers for every body the client sends or reads, so no reflection is
/// needed (trimming and NativeAOT keep working). Names are camelCase as the API writes them.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(DefaultOrganization))]
[JsonSerializable(typeof(EnvironmentPage))]
[JsonSerializable(typeof(EvaluatedEnvironment))]
[JsonSerializable(typeof(OpenSession))]
[JsonSerializable(typeof(Value))]
[JsonSerializable(typeof(List<Revision>))]
[JsonSerializable(typeof(RevisionTag))]
[JsonSerializable(typeof(RevisionTagPage))]
[JsonSerializable(typeof(EnvironmentTag))]
[JsonSerializable(typeof(EnvironmentTagPage))]
[JsonSerializable(typeof(EnvironmentSettings))]
[JsonSerializable(typeof(CreateEnvironmentRequest))]
[JsonSerializable(typeof(CloneEnvironmentRequest))]
[JsonSerializable(typeof(CreateRevisionTagRequest))]
[JsonSerializable(typeof(UpdateRevisionTagRequest))]
[JsonSerializable(typeof(CreateEnvironmentTagRequest))]
[JsonSerializable(typeof(UpdateEnvironmentTagRequest))]
[JsonSerializable(typeof(SettingsPatch))]
[JsonSerializable(typeof(RetractRequest))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(AuditEventPage))]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(AuditVerification))]
[JsonSerializable(typeof(UpdateResponse))]
[JsonSerializable(typeof(MemberList))]
[JsonSerializable(typeof(Member))]
[JsonSerializable(typeof(CreatedUser))]
[JsonSerializable(typeof(OrganizationSettings))]
[JsonSerializable(typeof(Team))]
[JsonSerializable(typeof(TeamList))]
[JsonSerializable(typeof(GrantList))]
[JsonSerializable(typeof(Grant))]
[JsonSerializable(typeof(TokenList))]
[JsonSerializable(typeof(CreatedToken))]
[JsonSerializable(typeof(SignedIn))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(NewUserRequest))]
[JsonSerializable(typeof(RoleRequest))]
[JsonSerializable(typeof(OrganizationSettingsPatch))]
[JsonSerializable(typeof(TeamRequest))]
[JsonSerializable(typeof(PermissionRequest))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(MemberPasswordRequest))]
[JsonSerializable(typeof(OwnPasswordRequest))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(RotateRequest))]
[JsonSerializable(typeof(RotateResponse))]
internal sealed partial class ClientJsonContext : JsonSerializerContext
{
}
