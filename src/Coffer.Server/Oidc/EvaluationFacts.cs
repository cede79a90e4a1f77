using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Oidc;

/// <summary>
/// What the server knows about an evaluation, from its own records, handed to providers through
/// <c>HostState</c> so the tokens they ask for carry attested claims, never text from a definition.
/// </summary>
/// <param name="Organization">The organization the environment belongs to.</param>
/// <param name="Caller">Who opened it (user, token kind).</param>
/// <param name="Revision">The revision of the opened environment, when it is a stored one.</param>
public sealed record EvaluationFacts(Organization Organization, Caller Caller, int? Revision);
