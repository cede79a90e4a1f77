using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;
using Coffer.Providers.Aws;

namespace Coffer.Providers.Azure;

/// <summary>
/// <c>fn::open::azure-secrets</c>: reads secrets from an Azure Key Vault with the Key Vault client
/// library, authenticating with the login's client secret or federated identity token. The client
/// follows Key Vault's challenge: an unauthenticated request, a 401 naming the tenant and resource,
/// then the token. Every value is secret.
/// </summary>
internal sealed class AzureSecretsProvider(AzureClients clients) : IProvider
{
    public const string Name = "azure-secrets";

    public Schema Inputs { get; } = Schema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "login": {{AzureLoginSchemas.LoginInput}},
            "vault": {"type": "string", "pattern": "{{AzureEndpoints.VaultNamePattern}}", "description": "The vault's name (my-kv for https://my-kv.vault.azure.net)."},
            "get": {
              "type": "object",
              "minProperties": 1,
              "additionalProperties": {
                "type": "object",
                "properties": {
                  "name": {"type": "string", "pattern": "^[0-9a-zA-Z-]{1,127}$", "description": "The secret's name."},
                  "version": {"type": "string", "pattern": "^[0-9a-fA-F]{32}$", "description": "A version id; the current version when omitted."}
                },
                "required": ["name"]
              }
            }
          },
          "required": ["login", "vault", "get"]
        }
        """);

    public Schema Outputs { get; } = Schema.Parse("""{"type": "object", "additionalProperties": {"type": "string", "secret": true}}""");

    public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ProviderInputs.RejectUnknown(inputs, Name, "", "login", "vault", "get");
        var entries = ProviderInputs.RequiredObject(inputs, "get", Name, "").Properties.ToList();
        foreach (var (key, entry) in entries)
        {
            ProviderInputs.RejectUnknown(entry, Name, $"get.{key}.", "name", "version");
        }
        var vault = ProviderInputs.RequiredString(inputs, "vault", Name, "");
        if (!AzureEndpoints.IsVaultName(vault))
        {
            throw new ProviderException($"{Name}: \"{vault}\" is not a Key Vault name");
        }
        var credentials = AzureClientCredentials.Read(inputs, Name);
        var client = new SecretClient(clients.Endpoints.VaultUri(vault), new EntraTokenCredential(clients.Entra, credentials, Name), ClientOptions());

        using var deadline = new CancellationTokenSource(clients.Options.RemoteCalls.TotalTimeout, clients.Options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var values = await ConcurrentFetch.RunAsync(
            entries,
            clients.Options.MaxConcurrentRequestsPerOpen,
            async (entry, ct) =>
            {
                var name = ProviderInputs.RequiredString(entry.Value, "name", Name, $"get.{entry.Key}.");
                var version = ProviderInputs.OptionalString(entry.Value, "version", Name, $"get.{entry.Key}.");
                var value = await GetAsync(client, vault, name, version, credentials, ct, cancellationToken).ConfigureAwait(false);
                return KeyValuePair.Create(entry.Key, EscValue.FromString(value, secret: true));
            },
            linked.Token).ConfigureAwait(false);
        return EscValue.FromObject(values);
    }

    private async Task<string> GetAsync(SecretClient client, string vault, string name, string? version, AzureClientCredentials credentials, CancellationToken token, CancellationToken caller)
    {
        string Failure(string reason) => $"{Name}: Key Vault get secret \"{name}\" in vault \"{vault}\" failed: {reason}";
        try
        {
            var secret = await client.GetSecretAsync(name, version, token).ConfigureAwait(false);
            return secret.Value.Value ?? throw new ProviderException(Failure("the answer holds no value"));
        }
        catch (RequestFailedException ex) when (ex.Status == 0)
        {
            throw new ProviderException(Failure("the service could not be reached"));
        }
        catch (RequestFailedException ex)
        {
            var (code, message) = ReadError(ex.GetRawResponse());
            var text = RemoteErrorText.Clean(message, credentials.Secrets);
            code ??= ex.ErrorCode ?? $"HTTP {ex.Status}";
            throw new ProviderException(Failure(text.Length == 0 ? $"{code} ({ex.Status})" : $"{code} ({ex.Status}): {text}"));
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            throw new ProviderException(Failure($"timed out: no answer within {clients.Options.RemoteCalls.TotalTimeout.TotalSeconds:0.###} s"));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Any(e => e is OperationCanceledException))
        {
            // The client library's retries ran out, the last ones on its per-attempt timeout.
            throw new ProviderException(Failure($"timed out: no answer within {clients.Options.RemoteCalls.AttemptTimeout.TotalSeconds:0.###} s per attempt"));
        }
        catch (AggregateException)
        {
            // The client library's retries all failed without an answer (DNS, TLS, connection).
            throw new ProviderException(Failure("the service could not be reached"));
        }
        catch (Exception ex) when (ex is not ProviderException and not OperationCanceledException and not OutOfMemoryException)
        {
            // For example a challenge naming a resource that is not the vault's; the library's text may quote the request.
            throw new ProviderException(Failure($"the Key Vault client failed ({ex.GetType().Name})"));
        }
    }

    private SecretClientOptions ClientOptions()
    {
        var calls = clients.Options.RemoteCalls;
        var options = new SecretClientOptions
        {
            // The host's client: production validates certificates as usual; tests may trust an emulator's.
            Transport = new HttpClientTransport(clients.Http),
        };
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = Math.Max(calls.MaxRetries, 0);
        options.Retry.Delay = calls.RetryBaseDelay;
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.NetworkTimeout = calls.AttemptTimeout;
        // The library's logs would carry request details into the host's logs; Coffer reports failures itself.
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        return options;
    }

    /// <summary>Key Vault's error body: <c>{"error": {"code": "SecretNotFound", "message": "..."}}</c>.</summary>
    private static (string? Code, string? Message) ReadError(Response? response)
    {
        if (response?.Content is not { } content)
        {
            return (null, null);
        }
        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                string? Field(string key) => error.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                return (Field("code"), Field("message"));
            }
        }
        catch (JsonException)
        {
        }
        return (null, null);
    }
}
