using System.Text.Json.Serialization;

namespace Coffer.Cli.Remote.Credentials;

/// <summary>Source-generated JSON for the credentials file (coffer is trimmed and AOT-compatible).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredCredentials))]
internal sealed partial class CredentialsJsonContext : JsonSerializerContext
{
}
