using System.Text.Json.Serialization;

namespace Coffer.Providers;

/// <summary>Source-generated JSON for request bodies (no reflection).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Coffer.Providers.Aws.GetParametersRequest))]
internal sealed partial class ProviderJsonContext : JsonSerializerContext
{
}
