namespace Coffer.Providers.Oidc;

/// <summary>What a login provider needs in an identity token.</summary>
/// <param name="Provider">The provider asking (<c>aws-login</c>), for the issuer's audit record.</param>
/// <param name="AudiencePrefix">
/// The relying party's prefix: the token's <c>aud</c> is <c>&lt;prefix&gt;:&lt;organization&gt;</c>
/// (<c>aws:acme</c>), the audience the cloud account's trust is configured with. An empty prefix
/// gives the bare organization (<c>acme</c>), the audience Vault roles are configured with.
/// </param>
/// <param name="SubjectAttributes">
/// The attributes that make up <c>sub</c>, in order (see <see cref="WorkloadIdentitySubject"/>); empty
/// for the default subject naming the environment.
/// </param>
public sealed record WorkloadIdentityRequest(string Provider, string AudiencePrefix, IReadOnlyList<string> SubjectAttributes);
