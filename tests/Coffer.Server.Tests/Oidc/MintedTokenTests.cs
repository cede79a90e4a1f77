using Coffer.Language.Hosting;
using Coffer.Providers.Oidc;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Oidc;

/// <summary>The claims of the tokens the server mints for login providers, checked against its published keys.</summary>
public sealed class MintedTokenTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly CapturedLogs _logs = new();
    private LoopbackCofferServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackCofferServer.StartAsync(_folder.NewSubfolder(), configure: services => services.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_token_verifies_against_the_jwks_and_carries_issuer_audience_subject_and_times()
    {
        var token = await Mint.TokenAsync(_server);

        var jwt = await IssuerKeys.VerifyAsync(_server, token, "aws:acme");
        Assert.Equal(_server.BaseAddress + "oidc", jwt.Issuer);
        Assert.Equal(["aws:acme"], jwt.Audiences);
        Assert.Equal("pulumi:environments:org:acme:env:payments/common", jwt.Subject);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        var iat = jwt.GetPayloadValue<long>("iat");
        Assert.Equal(iat, jwt.GetPayloadValue<long>("nbf"));
        Assert.Equal(300, jwt.GetPayloadValue<long>("exp") - iat);
        Assert.InRange(iat, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_token_names_the_organization_environments_revision_and_user()
    {
        var jwt = await IssuerKeys.VerifyAsync(_server, await Mint.TokenAsync(_server), "aws:acme");

        Assert.Equal("acme", jwt.GetPayloadValue<string>("org"));
        Assert.Equal("payments/common", jwt.GetPayloadValue<string>("env"));
        Assert.Equal("payments/common", jwt.GetPayloadValue<string>("current_env"));
        Assert.Equal("payments/prod", jwt.GetPayloadValue<string>("root_env"));
        Assert.Equal(7, jwt.GetPayloadValue<int>("root_env_revision"));
        Assert.Equal("alice", jwt.GetPayloadValue<string>("trigger_user"));
    }

    [Fact]
    public async Task An_unsaved_document_has_no_revision_claim()
    {
        var token = await Mint.TokenAsync(_server, hostState: Mint.Facts(revision: null), environment: "<yaml>", rootEnvironment: "<yaml>");

        var jwt = await IssuerKeys.VerifyAsync(_server, token, "aws:acme");
        Assert.False(jwt.TryGetPayloadValue<int>("root_env_revision", out _));
        Assert.Equal("pulumi:environments:org:acme:env:<yaml>", jwt.Subject);
    }

    [Fact]
    public async Task Every_token_has_its_own_id()
    {
        var first = await IssuerKeys.VerifyAsync(_server, await Mint.TokenAsync(_server), "aws:acme");
        var second = await IssuerKeys.VerifyAsync(_server, await Mint.TokenAsync(_server), "aws:acme");

        Assert.Matches("^[0-9a-f]{32}$", first.Id);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Tokens_minted_concurrently_all_verify()
    {
        var tokens = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await Mint.TokenAsync(_server))));

        foreach (var token in tokens)
        {
            await IssuerKeys.VerifyAsync(_server, token, "aws:acme");
        }
    }

    [Fact]
    public async Task Subject_attributes_build_the_subject_from_attested_values_in_the_order_listed()
    {
        var token = await Mint.TokenAsync(_server, [
            WorkloadIdentitySubject.RootEnvironmentName,
            WorkloadIdentitySubject.CurrentEnvironmentName,
            WorkloadIdentitySubject.UserLogin,
            WorkloadIdentitySubject.TokenType,
        ]);

        var jwt = await IssuerKeys.VerifyAsync(_server, token, "aws:acme");
        Assert.Equal(
            "pulumi:environments:pulumi.organization.login:acme:rootEnvironment.name:payments/prod:currentEnvironment.name:payments/common:pulumi.user.login:alice:pulumi.token.type:personal",
            jwt.Subject);
    }

    [Fact]
    public async Task The_token_type_of_an_organization_token_is_organization()
    {
        var token = await Mint.TokenAsync(_server, [WorkloadIdentitySubject.TokenType], Mint.Facts(login: "acme", kind: TokenKind.Organization));

        var jwt = await IssuerKeys.VerifyAsync(_server, token, "aws:acme");
        Assert.Equal("pulumi:environments:pulumi.organization.login:acme:pulumi.token.type:organization", jwt.Subject);
    }

    [Fact]
    public async Task A_team_attribute_without_a_team_is_refused_with_a_message()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(async () => await Mint.TokenAsync(_server, [WorkloadIdentitySubject.TokenTeam]));

        Assert.Contains("pulumi.token.team", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evaluation_the_server_did_not_describe_gets_no_token()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(async () => await Mint.TokenAsync(_server, hostState: "made up"));

        Assert.Contains("only for environments the server evaluates", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_mint_is_logged_at_information_level_without_the_token()
    {
        var token = await Mint.TokenAsync(_server);
        var jwt = await IssuerKeys.VerifyAsync(_server, token, "aws:acme");

        var entry = Assert.Single(_logs.Entries, e => e.Message.Contains(jwt.Id, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("aws:acme", entry.Message, StringComparison.Ordinal);
        Assert.Contains("pulumi:environments:org:acme:env:payments/common", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(token.Split('.')[2], StringComparison.Ordinal) || m.Contains(token.Split('.')[1], StringComparison.Ordinal));
    }
}
