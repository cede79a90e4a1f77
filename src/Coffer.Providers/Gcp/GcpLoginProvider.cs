using System.Globalization;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;
using Coffer.Providers.Aws;
using Coffer.Providers.Oidc;

namespace Coffer.Providers.Gcp;

/// <summary>
/// <c>fn::open::gcp-login</c>: a Google Cloud access token. OIDC: Coffer issues an identity token
/// (audience <c>gcp:&lt;org&gt;</c>), Google STS exchanges it through the workload identity pool's
/// provider for a federated token, and IAM Credentials turns that into the service account's access
/// token. Static: the access token is used as it is, or to impersonate a service account.
/// </summary>
internal sealed class GcpLoginProvider(GcpClients clients) : IProvider
{
    public const string Name = "gcp-login";

    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(12);

    private readonly GoogleCredentials _google = new(clients);

    public Schema Inputs => GcpLoginSchemas.Inputs;

    public Schema Outputs => GcpLoginSchemas.Outputs;

    public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ProviderInputs.RejectUnknown(inputs, Name, "", "project", "oidc", "accessToken");
        var project = ReadProject(inputs, Name, "");
        var oidc = inputs["oidc"];
        var fixedToken = inputs["accessToken"];
        if ((oidc is null) == (fixedToken is null))
        {
            throw new ProviderException($"{Name}: give exactly one of \"oidc\" or \"accessToken\"");
        }
        var token = oidc is not null
            ? await FederateAsync(oidc, project, context, cancellationToken).ConfigureAwait(false)
            : await StaticAsync(fixedToken!, cancellationToken).ConfigureAwait(false);

        var properties = new List<(string, EscValue)>
        {
            ("project", EscValue.FromNumber(project)),
            ("accessToken", EscValue.FromString(token.Token, secret: true)),
            ("tokenType", EscValue.FromString("Bearer")),
        };
        if (token.Expiry is { } expiry)
        {
            properties.Add(("expiry", EscValue.FromString(expiry.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))));
        }
        return EscValue.FromObject([.. properties]);
    }

    /// <summary>Reads a project number; ESC takes numbers, and the resource names need them.</summary>
    internal static long ReadProject(EscValue parent, string provider, string path)
    {
        if (parent["project"] is { Kind: EscValueKind.Number } number
            && long.TryParse(number.AsNumberText, NumberStyles.None, CultureInfo.InvariantCulture, out var project) && project > 0)
        {
            return project;
        }
        throw new ProviderException($"{provider}: {path}project must be a project number such as 123456789012");
    }

    private async Task<GoogleCredentials.AccessToken> FederateAsync(EscValue oidc, long project, ProviderContext context, CancellationToken cancellationToken)
    {
        ProviderInputs.RejectUnknown(oidc, Name, "oidc.", "workloadPoolId", "providerId", "serviceAccount", "region", "tokenLifetime", "subjectAttributes");
        var pool = ProviderInputs.RequiredString(oidc, "workloadPoolId", Name, "oidc.");
        var providerId = ProviderInputs.RequiredString(oidc, "providerId", Name, "oidc.");
        var serviceAccount = ProviderInputs.RequiredString(oidc, "serviceAccount", Name, "oidc.");
        var region = ProviderInputs.OptionalString(oidc, "region", Name, "oidc.") ?? "global";
        var lifetime = ReadLifetime(oidc, "oidc.");
        var subjectAttributes = ProviderInputs.OptionalStrings(oidc, "subjectAttributes", Name, "oidc.");

        var identityToken = await IdentityTokenMint.MintAsync(
            clients.Options.IdentityTokens, new WorkloadIdentityRequest(Name, "gcp", subjectAttributes), context, cancellationToken).ConfigureAwait(false);
        var federated = await _google.ExchangeAsync(identityToken, GoogleCredentials.ProviderAudience(project, region, pool, providerId), Name, cancellationToken).ConfigureAwait(false);
        return await _google.GenerateAccessTokenAsync(federated.Token, serviceAccount, lifetime, Name, cancellationToken).ConfigureAwait(false);
    }

    private async Task<GoogleCredentials.AccessToken> StaticAsync(EscValue login, CancellationToken cancellationToken)
    {
        ProviderInputs.RejectUnknown(login, Name, "accessToken.", "accessToken", "serviceAccount", "tokenLifetime");
        var token = ProviderInputs.RequiredString(login, "accessToken", Name, "accessToken.");
        var lifetime = ReadLifetime(login, "accessToken.");
        return ProviderInputs.OptionalString(login, "serviceAccount", Name, "accessToken.") is { } serviceAccount
            ? await _google.GenerateAccessTokenAsync(token, serviceAccount, lifetime, Name, cancellationToken).ConfigureAwait(false)
            : new GoogleCredentials.AccessToken(token, null);
    }

    private static TimeSpan ReadLifetime(EscValue parent, string path)
    {
        var text = ProviderInputs.OptionalString(parent, "tokenLifetime", Name, path);
        var lifetime = text is null ? DefaultLifetime : DurationText.Parse(text)
            ?? throw new ProviderException($"{Name}: {path}tokenLifetime \"{text}\" is not a duration such as 1h or 30m");
        if (lifetime < TimeSpan.FromMinutes(1) || lifetime > MaxLifetime)
        {
            throw new ProviderException($"{Name}: {path}tokenLifetime must be between 1m and 12h");
        }
        return lifetime;
    }
}
