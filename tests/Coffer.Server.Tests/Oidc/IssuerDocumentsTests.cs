using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Coffer.Server.Oidc;
using Coffer.Server.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Oidc;

/// <summary>What relying parties read from the issuer, without any token: discovery and keys.</summary>
public sealed class IssuerDocumentsTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private LoopbackCofferServer _server = null!;
    private string _dataDirectory = null!;

    public async Task InitializeAsync()
    {
        _dataDirectory = _folder.NewSubfolder();
        _server = await LoopbackCofferServer.StartAsync(_dataDirectory);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Discovery_needs_no_token_and_names_the_issuer_under_the_listen_address_and_its_keys()
    {
        var discovery = await IssuerKeys.DiscoveryAsync(_server);

        var issuer = _server.BaseAddress + "oidc";
        Assert.Equal(issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "/.well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
        Assert.Equal(["RS256"], discovery.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("id_token", discovery.GetProperty("response_types_supported").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("public", discovery.GetProperty("subject_types_supported").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Jwks_needs_no_token_and_holds_one_public_RSA_signing_key_named_by_its_thumbprint()
    {
        var jwks = await IssuerKeys.JwksAsync(_server);

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], key.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal(2048 / 8, Convert.FromBase64String(Base64(key.GetProperty("n").GetString()!)).Length);
        var thumbprint = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["e"] = key.GetProperty("e").GetString()!,
            ["kty"] = "RSA",
            ["n"] = key.GetProperty("n").GetString()!,
        }));
        Assert.Equal(Convert.ToBase64String(thumbprint).TrimEnd('=').Replace('+', '-').Replace('/', '_'), key.GetProperty("kid").GetString());
    }

    [Fact]
    public async Task The_jwks_is_the_same_on_every_read()
    {
        Assert.Equal(await IssuerKeys.KeyIdsAsync(_server), await IssuerKeys.KeyIdsAsync(_server));
    }

    [Fact]
    public async Task Other_paths_under_the_issuer_still_need_a_token()
    {
        var response = await _server.Anonymous.GetAsync("oidc/keys");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_signing_key_is_stored_sealed_by_the_root_key_and_only_its_public_half_is_clear()
    {
        var kid = Assert.Single(await IssuerKeys.KeyIdsAsync(_server));

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "coffer.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, public_key, wrapped_private_key, key_version FROM oidc_signing_keys";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(kid, reader.GetString(0));
        var wrapped = (byte[])reader["wrapped_private_key"];
        using var rsa = RSA.Create();
        Assert.ThrowsAny<CryptographicException>(() => rsa.ImportPkcs8PrivateKey(wrapped, out _));
        rsa.ImportSubjectPublicKeyInfo((byte[])reader["public_key"], out _);
        Assert.Equal(_server.Services.GetRequiredService<Coffer.Server.Crypto.RootKey>().Id, reader.GetInt32(3));
        Assert.False(await reader.ReadAsync());
    }

    [Theory]
    [InlineData("https://coffer.example.com", "https://coffer.example.com/oidc")]
    [InlineData("https://coffer.example.com/", "https://coffer.example.com/oidc")]
    [InlineData("https://coffer.example.com/oidc", "https://coffer.example.com/oidc")]
    [InlineData("https://example.com/coffer/", "https://example.com/coffer/oidc")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/oidc")]
    public void An_issuer_url_is_the_public_url_with_oidc_appended_once(string configured, string issuer)
    {
        Assert.Equal(issuer, OidcIssuer.Normalize(configured));
    }

    [Theory]
    [InlineData("coffer.example.com")]
    [InlineData("ftp://coffer.example.com")]
    [InlineData("https://coffer.example.com/?a=b")]
    [InlineData("https://user:pass@coffer.example.com")]
    public void An_issuer_url_that_is_not_a_plain_http_url_is_refused(string configured)
    {
        Assert.Throws<ArgumentException>(() => OidcIssuer.Normalize(configured));
    }

    [Fact]
    public async Task A_configured_issuer_url_is_what_discovery_and_tokens_name()
    {
        await using var server = await LoopbackCofferServer.StartAsync(_folder.NewSubfolder(), issuerUrl: "https://coffer.example.com");

        var discovery = await IssuerKeys.DiscoveryAsync(server);
        var token = await Mint.TokenAsync(server);

        Assert.Equal("https://coffer.example.com/oidc", discovery.GetProperty("issuer").GetString());
        Assert.Equal("https://coffer.example.com/oidc/.well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
        Assert.Equal("https://coffer.example.com/oidc", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Issuer);
    }

    private static string Base64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
