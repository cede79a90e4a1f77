using System.Text.Json.Serialization;

namespace Coffer.Providers.Aws;

/// <summary>The body of SSM <c>GetParameters</c>.</summary>
internal sealed record GetParametersRequest(
    [property: JsonPropertyName("Names")] IReadOnlyList<string> Names,
    [property: JsonPropertyName("WithDecryption")] bool WithDecryption);
