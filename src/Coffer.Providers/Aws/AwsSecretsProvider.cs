using System.Text.Json;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Providers.Aws;

/// <summary>
/// <c>fn::open::aws-secrets</c>: reads secrets from AWS Secrets Manager with <c>GetSecretValue</c>,
/// one request per entry of <c>get</c>, a few at a time. Every value is secret. JSON secrets come
/// back as their text; <c>fn::fromJSON</c> unpacks them.
/// </summary>
internal sealed class AwsSecretsProvider(AwsClients clients) : IProvider
{
    public const string Name = "aws-secrets";

    public Schema Inputs { get; } = Schema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "region": {{AwsLoginSchemas.RegionInput}},
            "login": {{AwsLoginSchemas.LoginInput}},
            "get": {
              "type": "object",
              "minProperties": 1,
              "additionalProperties": {
                "type": "object",
                "properties": {
                  "secretId": {"type": "string", "minLength": 1, "maxLength": 2048, "description": "The secret's name or ARN."},
                  "versionId": {"type": "string", "minLength": 32, "maxLength": 64},
                  "versionStage": {"type": "string", "minLength": 1, "maxLength": 256}
                },
                "required": ["secretId"]
              }
            }
          },
          "required": ["region", "login", "get"]
        }
        """);

    public Schema Outputs { get; } = Schema.Parse("""{"type": "object", "additionalProperties": {"type": "string", "secret": true}}""");

    public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ProviderInputs.RejectUnknown(inputs, Name, "", "region", "login", "get");
        foreach (var (key, entry) in ProviderInputs.RequiredObject(inputs, "get", Name, "").Properties)
        {
            ProviderInputs.RejectUnknown(entry, Name, $"get.{key}.", "secretId", "versionId", "versionStage");
        }
        var region = ProviderInputs.RequiredString(inputs, "region", Name, "");
        if (!AwsEndpoints.IsRegionName(region))
        {
            throw new ProviderException($"{Name}: \"{region}\" is not an AWS region");
        }
        var credentials = AwsLogin.Read(inputs, Name);
        var entries = ProviderInputs.RequiredObject(inputs, "get", Name, "").Properties.ToList();
        var endpoint = clients.Endpoints.SecretsManagerEndpoint(region);

        var values = await ConcurrentFetch.RunAsync(
            entries,
            clients.Options.MaxConcurrentRequestsPerOpen,
            async (entry, ct) =>
            {
                var secretId = ProviderInputs.RequiredString(entry.Value, "secretId", Name, $"get.{entry.Key}.");
                var request = new Dictionary<string, string> { ["SecretId"] = secretId };
                if (ProviderInputs.OptionalString(entry.Value, "versionId", Name, $"get.{entry.Key}.") is { } versionId)
                {
                    request["VersionId"] = versionId;
                }
                if (ProviderInputs.OptionalString(entry.Value, "versionStage", Name, $"get.{entry.Key}.") is { } versionStage)
                {
                    request["VersionStage"] = versionStage;
                }
                using var answer = await clients.Json.CallAsync(
                    endpoint,
                    "secretsmanager",
                    region,
                    "secretsmanager.GetSecretValue",
                    JsonSerializer.SerializeToUtf8Bytes(request, ProviderJsonContext.Default.DictionaryStringString),
                    credentials,
                    new AwsJsonClient.CallDescription(Name, "Secrets Manager GetSecretValue", $"\"{secretId}\""),
                    ct).ConfigureAwait(false);
                return KeyValuePair.Create(entry.Key, EscValue.FromString(SecretText(answer.RootElement, secretId), secret: true));
            },
            cancellationToken).ConfigureAwait(false);
        return EscValue.FromObject(values);
    }

    /// <summary>The secret's text; a binary secret is given as its base64, as the API returns it.</summary>
    private static string SecretText(JsonElement answer, string secretId)
    {
        if (answer.ValueKind == JsonValueKind.Object)
        {
            if (answer.TryGetProperty("SecretString", out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text.GetString()!;
            }
            if (answer.TryGetProperty("SecretBinary", out var binary) && binary.ValueKind == JsonValueKind.String)
            {
                return binary.GetString()!;
            }
        }
        throw new ProviderException($"{Name}: Secrets Manager returned no value for \"{secretId}\"");
    }
}
