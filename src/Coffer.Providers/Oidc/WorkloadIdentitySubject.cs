using System.Text;
using Coffer.Language.Hosting;

namespace Coffer.Providers.Oidc;

/// <summary>
/// The <c>sub</c> claim of login-provider identity tokens, as ESC writes it, so that trust policies
/// written for ESC (<c>pulumi:environments:org:acme:env:*</c>) work unchanged.
/// </summary>
public static class WorkloadIdentitySubject
{
    /// <summary>The environment that holds the <c>fn::open</c> call (<c>project/env</c>).</summary>
    public const string CurrentEnvironmentName = "currentEnvironment.name";

    /// <summary>The environment being opened (<c>project/env</c>).</summary>
    public const string RootEnvironmentName = "rootEnvironment.name";

    /// <summary>The login of the user opening the environment.</summary>
    public const string UserLogin = "pulumi.user.login";

    /// <summary>The organization's login.</summary>
    public const string OrganizationLogin = "pulumi.organization.login";

    /// <summary>The kind of access token used to open (user, team, organization...).</summary>
    public const string TokenType = "pulumi.token.type";

    /// <summary>The team of a team access token.</summary>
    public const string TokenTeam = "pulumi.token.team";

    /// <summary>Every attribute a subject may be built from, in the order the schema lists them.</summary>
    public static IReadOnlyList<string> Attributes { get; } =
        [CurrentEnvironmentName, RootEnvironmentName, UserLogin, OrganizationLogin, TokenType, TokenTeam];

    /// <summary>
    /// Builds the subject. Without attributes: <c>pulumi:environments:org:&lt;org&gt;:env:&lt;current environment&gt;</c>.
    /// With attributes: <c>pulumi:environments:pulumi.organization.login:&lt;org&gt;</c> followed by
    /// <c>:&lt;attribute&gt;:&lt;value&gt;</c> for each, in order. <paramref name="attested"/> gives the
    /// values the host vouches for (user login, token type...); the environment names come from
    /// <paramref name="context"/>. Throws <see cref="ProviderException"/> for an attribute without a value.
    /// </summary>
    public static string Build(string organization, ProviderContext context, IReadOnlyList<string> attributes, IReadOnlyDictionary<string, string>? attested = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.Count == 0)
        {
            return $"pulumi:environments:org:{organization}:env:{context.EnvironmentName}";
        }
        var subject = new StringBuilder($"pulumi:environments:{OrganizationLogin}:{organization}");
        foreach (var attribute in attributes)
        {
            var value = attribute switch
            {
                CurrentEnvironmentName => context.EnvironmentName,
                RootEnvironmentName => context.RootEnvironmentName,
                OrganizationLogin => organization,
                _ => attested?.GetValueOrDefault(attribute),
            };
            if (string.IsNullOrEmpty(value))
            {
                throw new ProviderException($"the subject attribute \"{attribute}\" has no value for this evaluation");
            }
            subject.Append(':').Append(attribute).Append(':').Append(value);
        }
        return subject.ToString();
    }
}
