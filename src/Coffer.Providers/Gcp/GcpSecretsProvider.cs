using System.Globalization;
using System.Text;
using System.Text.Json;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;
using Coffer.Providers.Aws;

namespace Coffer.Providers.Gcp;

/// <summary>
/// <c>fn::open::gcp-secrets</c>: reads secret versions from Google Secret Manager
/// (<c>projects/*/secrets/*/versions/*:access</c>), one request per entry of <c>access</c>, a few at
/// a time, and checks each payload against its CRC-32C when Google sends one. Every value is secret.
/// </summary>
internal sealed class GcpSecretsProvider(GcpClients clients) : IProvider
{
    public const string Name = "gcp-secrets";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public Schema Inputs { get; } = Schema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "login": {{GcpLoginSchemas.LoginInput}},
            "access": {
              "type": "object",
              "minProperties": 1,
              "additionalProperties": {
                "type": "object",
                "properties": {
                  "name": {"type": "string", "pattern": "^[a-zA-Z0-9_-]{1,255}$", "description": "The secret's name."},
                  "version": {"type": "number", "multipleOf": 1, "minimum": 1, "description": "The version number; the latest enabled version when omitted."}
                },
                "required": ["name"]
              }
            }
          },
          "required": ["login", "access"]
        }
        """);

    public Schema Outputs { get; } = Schema.Parse("""{"type": "object", "additionalProperties": {"type": "string", "secret": true}}""");

    public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ProviderInputs.RejectUnknown(inputs, Name, "", "login", "access");
        var entries = ProviderInputs.RequiredObject(inputs, "access", Name, "").Properties.ToList();
        foreach (var (key, entry) in entries)
        {
            ProviderInputs.RejectUnknown(entry, Name, $"access.{key}.", "name", "version");
        }
        var login = ProviderInputs.RequiredObject(inputs, "login", Name, "");
        ProviderInputs.RejectUnknown(login, Name, "login.", "project", "accessToken", "tokenType", "expiry");
        var project = GcpLoginProvider.ReadProject(login, Name, "login.");
        var token = ProviderInputs.RequiredString(login, "accessToken", Name, "login.");

        var values = await ConcurrentFetch.RunAsync(
            entries,
            clients.Options.MaxConcurrentRequestsPerOpen,
            async (entry, ct) =>
            {
                var path = $"access.{entry.Key}.";
                var name = ProviderInputs.RequiredString(entry.Value, "name", Name, path);
                var version = ReadVersion(entry.Value, path);
                var resource = $"projects/{project}/secrets/{Uri.EscapeDataString(name)}/versions/{version}";
                var description = new GoogleApiClient.CallDescription(Name, "Secret Manager access", $"\"{resource}\"");
                using var answer = await clients.Api.SendAsync(
                    HttpMethod.Get, new Uri(clients.Endpoints.SecretManager, $"v1/{resource}:access"), null, null, token, description, [], ct).ConfigureAwait(false);
                return KeyValuePair.Create(entry.Key, EscValue.FromString(Payload(answer.RootElement, description), secret: true));
            },
            cancellationToken).ConfigureAwait(false);
        return EscValue.FromObject(values);
    }

    private static string ReadVersion(EscValue entry, string path) => entry["version"] switch
    {
        null or { Kind: EscValueKind.Null } => "latest",
        { Kind: EscValueKind.Number } number when long.TryParse(number.AsNumberText, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            => v.ToString(CultureInfo.InvariantCulture),
        _ => throw new ProviderException($"{Name}: {path}version must be a version number such as 3"),
    };

    /// <summary>The payload's text, after checking its checksum; a payload that is not UTF-8 text is refused.</summary>
    private static string Payload(JsonElement answer, GoogleApiClient.CallDescription description)
    {
        if (!answer.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            throw GoogleApiClient.Failure(description, "the answer holds no payload");
        }
        byte[] data;
        try
        {
            data = payload.TryGetProperty("data", out var encoded) && encoded.ValueKind == JsonValueKind.String ? encoded.GetBytesFromBase64() : [];
        }
        catch (FormatException)
        {
            throw GoogleApiClient.Failure(description, "the payload is not base64");
        }
        if (payload.TryGetProperty("dataCrc32c", out var checksum))
        {
            // Protobuf's JSON form writes int64 as a string.
            var expected = checksum.ValueKind switch
            {
                JsonValueKind.String when long.TryParse(checksum.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) => c,
                JsonValueKind.Number when checksum.TryGetInt64(out var c) => c,
                _ => -1L,
            };
            if (expected != Crc32C.Compute(data))
            {
                throw GoogleApiClient.Failure(description, "the payload does not match its CRC-32C checksum (corrupted in transit)");
            }
        }
        try
        {
            return StrictUtf8.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            throw GoogleApiClient.Failure(description, "the payload is binary, not UTF-8 text");
        }
    }
}
