using System.Text.Json;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;
using Coffer.Providers.Aws;

namespace Coffer.Providers.Vault;

/// <summary>
/// <c>fn::open::vault-secrets</c>: reads Vault paths with the token of a <c>vault-login</c>, one
/// <c>GET /v1/&lt;path&gt;</c> per entry of <c>read</c>, a few at a time. An entry's value is the
/// answer's <c>data</c> — a KV v1 secret's fields, or a KV v2 secret's <c>{data, metadata}</c> —
/// or, with <c>field</c>, that one field of it. Everything read is secret.
/// </summary>
internal sealed class VaultSecretsProvider(VaultClients clients) : IProvider
{
    public const string Name = "vault-secrets";

    public Schema Inputs { get; } = Schema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "login": {{VaultLoginSchemas.LoginInput}},
            "read": {
              "type": "object",
              "minProperties": 1,
              "additionalProperties": {
                "type": "object",
                "properties": {
                  "path": {"type": "string", "minLength": 1, "description": "The path to read, for example secret/data/api (KV v2) or kv/api (KV v1)."},
                  "field": {"type": "string", "minLength": 1, "description": "Return only this field of the answer's data."}
                },
                "required": ["path"]
              }
            }
          },
          "required": ["login", "read"]
        }
        """);

    // Each entry may be any JSON (an object, or one field of any type), so the schema admits
    // anything: a narrower one would make checking refuse accesses such as ${kv.db.password}.
    // The values themselves are marked secret when they are read.
    public Schema Outputs { get; } = Schema.Parse("""{"type": "object", "additionalProperties": true}""");

    public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ProviderInputs.RejectUnknown(inputs, Name, "", "login", "read");
        var entries = ProviderInputs.RequiredObject(inputs, "read", Name, "").Properties.ToList();
        if (entries.Count == 0)
        {
            throw new ProviderException($"{Name}: read must name at least one path");
        }
        var reads = entries.Select(entry =>
        {
            ProviderInputs.RejectUnknown(entry.Value, Name, $"read.{entry.Key}.", "path", "field");
            var path = ProviderInputs.RequiredString(entry.Value, "path", Name, $"read.{entry.Key}.");
            return new Read(entry.Key, path, VaultPath.Encode(path, Name, $"read.{entry.Key}.path"), ProviderInputs.OptionalString(entry.Value, "field", Name, $"read.{entry.Key}."));
        }).ToList();
        var login = VaultLogin.Read(inputs, Name);

        var values = await ConcurrentFetch.RunAsync(
            reads,
            clients.Options.MaxConcurrentRequestsPerOpen,
            async (read, ct) =>
            {
                var description = new VaultClient.CallDescription(Name, "read", $"\"{VaultPath.Printable(read.Path.Trim('/'))}\"", [login.Token]);
                using var answer = await clients.Client.SendAsync(
                    new VaultClient.Request(login.Address, HttpMethod.Get, read.EncodedPath, login.Namespace, login.Token, null), description, ct).ConfigureAwait(false);
                return KeyValuePair.Create(read.Key, SecretValue(answer.RootElement, read, description));
            },
            cancellationToken).ConfigureAwait(false);
        return EscValue.FromObject(values);
    }

    private static EscValue SecretValue(JsonElement answer, Read read, VaultClient.CallDescription description)
    {
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw VaultClient.Failure(description, "the answer holds no data");
        }
        if (read.Field is null)
        {
            return SecretJson.ToValue(data);
        }
        return data.TryGetProperty(read.Field, out var field)
            ? SecretJson.ToValue(field)
            : throw VaultClient.Failure(description, $"the data has no field \"{VaultPath.Printable(read.Field)}\"");
    }

    private sealed record Read(string Key, string Path, string EncodedPath, string? Field);
}
