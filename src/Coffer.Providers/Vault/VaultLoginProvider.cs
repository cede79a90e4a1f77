using System.Globalization;
using System.Text.Json;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;
using Coffer.Providers.Aws;
using Coffer.Providers.Oidc;

namespace Coffer.Providers.Vault;

/// <summary>
/// <c>fn::open::vault-login</c>: a Vault token, either from Vault's JWT auth method with an identity
/// token from the host's OIDC issuer (audience <c>&lt;org&gt;</c>), or a short-lived child of a
/// token the environment holds. The output is the login object <c>vault-secrets</c> takes.
/// </summary>
internal sealed class VaultLoginProvider(VaultClients clients) : IProvider
{
    public const string Name = "vault-login";

    private const string DefaultMount = "jwt";
    private const string DefaultDisplayName = "pulumi";
    private static readonly TimeSpan DefaultMaxTtl = TimeSpan.FromHours(2);

    public Schema Inputs => VaultLoginSchemas.Inputs;

    public Schema Outputs => VaultLoginSchemas.Outputs;

    public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ProviderInputs.RejectUnknown(inputs, Name, "", "address", "namespace", "jwt", "token");
        var addressText = ProviderInputs.RequiredString(inputs, "address", Name, "");
        var address = VaultAddress.Parse(addressText, Name, "");
        var ns = VaultLogin.ReadNamespace(ProviderInputs.OptionalString(inputs, "namespace", Name, ""), Name, "");
        var jwt = inputs["jwt"];
        var parent = inputs["token"];
        if ((jwt is null) == (parent is null))
        {
            throw new ProviderException($"{Name}: give exactly one of \"jwt\" or \"token\"");
        }
        var token = jwt is not null
            ? await JwtLoginAsync(jwt, address, ns, context, cancellationToken).ConfigureAwait(false)
            : await CreateChildTokenAsync(parent!, address, ns, cancellationToken).ConfigureAwait(false);
        return new VaultLogin(VaultAddress.Display(addressText), address, token, ns).ToValue();
    }

    private async Task<string> JwtLoginAsync(EscValue jwt, Uri address, string? ns, ProviderContext context, CancellationToken cancellationToken)
    {
        ProviderInputs.RejectUnknown(jwt, Name, "jwt.", "role", "mount", "subjectAttributes");
        var role = ProviderInputs.RequiredString(jwt, "role", Name, "jwt.");
        var mountText = ProviderInputs.OptionalString(jwt, "mount", Name, "jwt.") ?? DefaultMount;
        var mount = VaultPath.Encode(mountText, Name, "jwt.mount");
        var subjectAttributes = ProviderInputs.OptionalStrings(jwt, "subjectAttributes", Name, "jwt.");

        // Vault's relying-party configuration for ESC binds the bare organization as the audience.
        var identityToken = await MintAsync(new WorkloadIdentityRequest(Name, "", subjectAttributes), context, cancellationToken).ConfigureAwait(false);
        var body = Json(writer =>
        {
            writer.WriteString("role", role);
            writer.WriteString("jwt", identityToken);
        });
        var description = new VaultClient.CallDescription(
            Name, "JWT login", $"role \"{VaultPath.Printable(role)}\" at auth/{VaultPath.Printable(mountText.Trim('/'))}", [identityToken]);
        using var answer = await clients.Client.SendAsync(
            new VaultClient.Request(address, HttpMethod.Post, $"auth/{mount}/login", ns, null, body), description, cancellationToken).ConfigureAwait(false);
        return ClientToken(answer, description);
    }

    private async Task<string> CreateChildTokenAsync(EscValue parent, Uri address, string? ns, CancellationToken cancellationToken)
    {
        ProviderInputs.RejectUnknown(parent, Name, "token.", "token", "displayName", "maxTtl", "policies", "metadata");
        var parentToken = ProviderInputs.RequiredString(parent, "token", Name, "token.");
        if (parentToken.Length == 0 || parentToken.Any(char.IsControl))
        {
            throw new ProviderException($"{Name}: token.token is not a Vault token");
        }
        var displayName = ProviderInputs.OptionalString(parent, "displayName", Name, "token.") ?? DefaultDisplayName;
        var maxTtlText = ProviderInputs.OptionalString(parent, "maxTtl", Name, "token.");
        var maxTtl = maxTtlText is null ? DefaultMaxTtl : DurationText.Parse(maxTtlText)
            ?? throw new ProviderException($"{Name}: token.maxTtl \"{maxTtlText}\" is not a duration such as 1h or 90m");
        if (maxTtl < TimeSpan.FromSeconds(1))
        {
            throw new ProviderException($"{Name}: token.maxTtl must be at least 1s");
        }
        var policies = ProviderInputs.OptionalStrings(parent, "policies", Name, "token.");
        var metadata = Metadata(parent);

        var ttl = ((long)maxTtl.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        var body = Json(writer =>
        {
            writer.WriteString("display_name", displayName);
            writer.WriteString("ttl", ttl);
            writer.WriteString("explicit_max_ttl", ttl);
            if (policies.Count > 0)
            {
                writer.WriteStartArray("policies");
                foreach (var policy in policies)
                {
                    writer.WriteStringValue(policy);
                }
                writer.WriteEndArray();
            }
            if (metadata.Count > 0)
            {
                writer.WriteStartObject("meta");
                foreach (var (key, value) in metadata)
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
        });
        var description = new VaultClient.CallDescription(Name, "token create", "a child token", [parentToken]);
        using var answer = await clients.Client.SendAsync(
            new VaultClient.Request(address, HttpMethod.Post, "auth/token/create", ns, parentToken, body), description, cancellationToken).ConfigureAwait(false);
        return ClientToken(answer, description);
    }

    private static List<(string Key, string Value)> Metadata(EscValue parent)
    {
        var metadata = parent["metadata"];
        if (metadata is null || metadata.Kind == EscValueKind.Null)
        {
            return [];
        }
        if (metadata.Kind != EscValueKind.Object || metadata.Properties.Values.Any(v => v.Kind != EscValueKind.String))
        {
            throw new ProviderException($"{Name}: token.metadata must be an object of strings");
        }
        return metadata.Properties.Select(p => (p.Key, p.Value.AsString)).ToList();
    }

    private static string ClientToken(JsonDocument answer, VaultClient.CallDescription description) =>
        answer.RootElement.ValueKind == JsonValueKind.Object
        && answer.RootElement.TryGetProperty("auth", out var auth)
        && auth.ValueKind == JsonValueKind.Object
        && auth.TryGetProperty("client_token", out var token)
        && token.ValueKind == JsonValueKind.String
        && token.GetString() is { Length: > 0 } value
            ? value
            : throw VaultClient.Failure(description, "the answer holds no client token");

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private async Task<string> MintAsync(WorkloadIdentityRequest request, ProviderContext context, CancellationToken cancellationToken)
    {
        var issuer = clients.Options.IdentityTokens
            ?? throw new ProviderException($"{Name}: JWT login needs a Coffer server to issue identity tokens; this host has none (use token login here)");
        try
        {
            return await issuer.MintAsync(request, context, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex)
        {
            throw new ProviderException($"{Name}: no identity token: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The issuer's exception may describe key material; the user only needs to know it failed.
            throw new ProviderException($"{Name}: the identity token could not be issued", ex);
        }
    }
}
