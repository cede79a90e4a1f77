using System.Net;
using Coffer.Emulators;
using Coffer.Language.Hosting;
using Coffer.Language.Values;
using Coffer.Providers.Oidc;
using Coffer.Server.Oidc;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Oidc;

/// <summary>
/// Entra ID and Google STS, trusting a real server, accept its token while the signing key is in its
/// JWKS and refuse the same token once rotation has taken the key out, as the real services do.
/// </summary>
public sealed class RotatedKeyFederationTests : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string App = "11111111-2222-3333-4444-555555555555";
    private readonly TempFolder _folder = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly AccessTokenStore _tokens = new();
    private readonly HttpClient _http = new();
    private LoopbackCofferServer _server = null!;
    private EntraEmulator _entra = null!;
    private GoogleStsEmulator _sts = null!;
    private GoogleStsEmulator.PoolProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackCofferServer.StartAsync(_folder.NewSubfolder(), configure: services => services.AddSingleton<TimeProvider>(_clock));
        _entra = await EntraEmulator.StartAsync(_tokens);
        _sts = await GoogleStsEmulator.StartAsync(_tokens);
        var issuer = (await IssuerKeys.DiscoveryAsync(_server)).GetProperty("issuer").GetString()!;
        _entra.AddApplication(Tenant, new EntraEmulator.Application(App, [], [new EntraEmulator.FederatedCredential(issuer, "pulumi:environments:org:acme:env:payments/common", "azure:acme")]));
        _provider = new GoogleStsEmulator.PoolProvider(123456789012, "coffer-pool", "coffer-oidc", issuer, ["gcp:acme"]);
        _sts.AddProvider(_provider);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sts.DisposeAsync();
        await _entra.DisposeAsync();
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_token_whose_key_was_rotated_out_of_the_JWKS_is_refused_by_Entra_and_Google_STS()
    {
        var azureToken = await MintAsync("azure");
        var googleToken = await MintAsync("gcp");
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAtEntraAsync(azureToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAtGoogleAsync(googleToken)).StatusCode);

        await _server.Services.GetRequiredService<SigningKeys>().RotateAsync(CancellationToken.None);
        _clock.Advance(SigningKeyPolicy.ActivationDelay + SigningKeyPolicy.RetiredKeyGrace + TimeSpan.FromSeconds(2));

        var entra = await ExchangeAtEntraAsync(azureToken);
        var google = await ExchangeAtGoogleAsync(googleToken);
        Assert.Equal(HttpStatusCode.BadRequest, entra.StatusCode);
        Assert.Contains("AADSTS5002738", await entra.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, google.StatusCode);
        Assert.Contains("Invalid JWT signature", await google.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private ValueTask<string> MintAsync(string audiencePrefix) =>
        _server.Services.GetRequiredService<WorkloadIdentityIssuer>().MintAsync(
            new WorkloadIdentityRequest(audiencePrefix + "-login", audiencePrefix, []),
            new ProviderContext("payments/common", "payments/prod", EscValue.FromObject(), Mint.Facts()),
            CancellationToken.None);

    private Task<HttpResponseMessage> ExchangeAtEntraAsync(string token) => _http.PostAsync(
        new Uri(_entra.Authority, $"{Tenant}/oauth2/v2.0/token"),
        new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = App,
            ["scope"] = "https://vault.azure.net/.default",
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = token,
        }));

    private Task<HttpResponseMessage> ExchangeAtGoogleAsync(string token) => _http.PostAsync(
        new Uri(_sts.Endpoint, "v1/token"),
        new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["audience"] = _provider.Audience,
            ["scope"] = "https://www.googleapis.com/auth/cloud-platform",
            ["requested_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
            ["subject_token"] = token,
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:jwt",
        }));
}
