using System.Text.Json.Serialization;

namespace Coffer.Language.Values;

/// <summary>Source-generated JSON metadata, so rendering stays trimming- and AOT-safe.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class ValueTextJson : JsonSerializerContext;
