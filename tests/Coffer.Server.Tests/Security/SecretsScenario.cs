using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// Puts secrets through a running server the way clients do, so tests can look for them where they
/// must not be: an environment with several <c>fn::secret</c> plaintexts (one not ASCII, one in
/// flow style, one a block scalar), opened into a session that holds them resolved; then the error
/// paths where a careless server would echo them — rejected updates, a failing open, a ciphertext that does not decrypt, a secret
/// sent as a token — and passwords: one set, one wrong at sign-in, one refused. A public value is stored next to the secrets, so a scan that finds nothing can
/// be shown to have looked at the data.
/// </summary>
public sealed partial class SecretsScenario
{
    public const string Org = "default";
    public const string EnvironmentPath = "default/app/prod";

    /// <summary>The base64 of the ciphertext envelope's header (<c>"escx"</c>, version 1): every stored ciphertext starts with it.</summary>
    public const string EnvelopePrefix = "ZXNjeAAAAAE";

    /// <summary>Secrets the server stores (encrypted) and puts into the open session.</summary>
    public IReadOnlyList<string> StoredSecrets { get; } =
    [
        SecretScan.NewSecret("db-password"),
        SecretScan.NewSecret("api-key"),
        SecretScan.NewSecret("list-item"),
        "pässwörd-ünïcødé-" + SecretScan.NewSecret("utf"),
        SecretScan.NewSecret("flow-style"),
        SecretScan.NewSecret("block-scalar"),
    ];

    /// <summary>Secrets that only ever appear in requests the server refuses.</summary>
    public IReadOnlyList<string> RefusedSecrets { get; } =
    [
        SecretScan.NewSecret("refused-update"),
        SecretScan.NewSecret("refused-open"),
        SecretScan.NewSecret("refused-yaml"),
        SecretScan.NewSecret("sent-as-token"),
    ];

    /// <summary>A value stored in plaintext on purpose (it is not secret).</summary>
    public string PublicValue { get; } = SecretScan.NewSecret("public-value");

    /// <summary>Passwords: one set for a user, one tried at sign-in and refused, one refused as a new password.</summary>
    public IReadOnlyList<string> Passwords { get; } =
    [
        SecretScan.NewSecret("user-password"),
        SecretScan.NewSecret("wrong-password"),
        "\u0007" + SecretScan.NewSecret("refused-password"),
    ];

    public IEnumerable<string> AllSecrets => StoredSecrets.Concat(RefusedSecrets).Concat(Passwords);

    /// <summary>The bodies of every error response the scenario provoked.</summary>
    public List<string> ErrorResponses { get; } = [];

    public string SessionId { get; private set; } = "";

    /// <summary>Runs the scenario against a bootstrapped server; <paramref name="client"/> carries the admin token.</summary>
    public async Task RunAsync(HttpClient client)
    {
        await client.CreateEnvironmentAsync(Org, "app", "prod");
        await client.UpdateAsync(EnvironmentPath, $$"""
            values:
              public: {{PublicValue}}
              database:
                password:
                  fn::secret: {{StoredSecrets[0]}}
              apiKey:
                fn::secret: {{StoredSecrets[1]}}
              list:
                - fn::secret: {{StoredSecrets[2]}}
              unicode:
                fn::secret: "{{StoredSecrets[3]}}"
              flow: {fn::secret: {{StoredSecrets[4]}}}
              block:
                fn::secret: |
                  {{StoredSecrets[5]}}
              environmentVariables:
                API_KEY: ${apiKey}
                DB_URL: postgres://app:${database.password}@db/app
            """);
        SessionId = await client.OpenAsync(EnvironmentPath);
        var session = JsonStrings(await client.ReadSessionAsync(EnvironmentPath, SessionId));
        var decrypted = await client.DecryptAsync(EnvironmentPath);
        foreach (var secret in StoredSecrets)
        {
            // Proves the secrets really went in: the session and the decrypted definition reveal them.
            Assert.Contains(secret, session, StringComparison.Ordinal);
            Assert.Contains(secret, decrypted, StringComparison.Ordinal);
        }

        await ExpectErrorAsync(client.PatchAsync(EnvironmentPath, $$"""
            values:
              leaked:
                fn::secret: {{RefusedSecrets[0]}}
              broken: ${no.such.property}
            """));
        await client.CreateEnvironmentAsync(Org, "app", "broken");
        await ExpectErrorAsync(client.PatchAsync("default/app/broken", $$"""
            values:
              creds:
                fn::open:
                  provider: no-such-provider
                  inputs:
                    password:
                      fn::secret: {{RefusedSecrets[1]}}
            """));
        await ExpectErrorAsync(client.PostAsync($"/api/esc/environments/{Org}/yaml/open", new StringContent($$"""
            values:
              leaked:
                fn::secret: {{RefusedSecrets[2]}}
              broken: ${leaked.nope}
            """, Encoding.UTF8, "application/x-yaml")));
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/esc/environments"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("token", RefusedSecrets[3]);
            await ExpectErrorAsync(client.SendAsync(request));
        }
        await CopiedCiphertextIsRefusedAsync(client);
        await PasswordsAsync(client);
    }

    // Passwords go through the API only in requests; they must be found nowhere afterwards.
    private async Task PasswordsAsync(HttpClient client)
    {
        static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
        (await client.PostAsync($"/api/orgs/{Org}/users", Body(new { login = "pat" }))).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/orgs/{Org}/members/pat/password", Body(new { password = Passwords[0] }))).EnsureSuccessStatusCode();
        await ExpectErrorAsync(client.PostAsync("/api/sign-in", Body(new { login = "pat", password = Passwords[1], organization = Org })));
        await ExpectErrorAsync(client.PutAsync($"/api/orgs/{Org}/members/pat/password", Body(new { password = Passwords[2] })));
        (await client.PostAsync("/api/sign-in", Body(new { login = "pat", password = Passwords[0], organization = Org }))).EnsureSuccessStatusCode();
    }

    // A ciphertext pasted into another environment cannot be decrypted there, so saving it is refused.
    private async Task CopiedCiphertextIsRefusedAsync(HttpClient client)
    {
        var (stored, _) = await client.ReadDefinitionAsync(EnvironmentPath);
        var ciphertext = Ciphertext().Match(stored).Groups[1].Value;
        Assert.StartsWith(EnvelopePrefix, ciphertext, StringComparison.Ordinal);
        await client.CreateEnvironmentAsync(Org, "app", "copy");
        await ExpectErrorAsync(client.PatchAsync("default/app/copy", $"values:\n  stolen:\n    fn::secret:\n      ciphertext: {ciphertext}\n"));
    }

    private async Task ExpectErrorAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode >= 400, $"{response.RequestMessage?.RequestUri} should have failed: {body}");
        // A user error answered as an unexpected failure would also have been logged with its exception.
        Assert.DoesNotContain("internal server error", body, StringComparison.Ordinal);
        ErrorResponses.Add(body);
    }

    /// <summary>Every string in a JSON document, unescaped, one per line.</summary>
    private static string JsonStrings(string json)
    {
        var strings = new StringBuilder();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                strings.AppendLine(reader.GetString());
            }
        }
        return strings.ToString();
    }

    [GeneratedRegex(@"ciphertext: (\S+)")]
    private static partial Regex Ciphertext();
}
