using System.Text.Json.Serialization;

namespace Coffer.Language.Tests.Conformance;

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(EvaluationLimits))]
internal sealed partial class LimitsJson : JsonSerializerContext;
