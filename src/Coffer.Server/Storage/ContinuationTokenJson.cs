using System.Text.Json.Serialization;

namespace Coffer.Server.Storage;

[JsonSerializable(typeof(string[]))]
internal sealed partial class ContinuationTokenJson : JsonSerializerContext;
