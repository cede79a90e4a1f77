using System.Text.Json;
using Coffer.Language.Syntax;
using Coffer.Language.Values;
using ApiValue = Coffer.Client.Models.Value;

namespace Coffer.Cli.Remote;

/// <summary>
/// Turns the API's evaluated values back into the language's values, flags and traces included,
/// so that remote environments print through exactly the same output code as local ones.
/// </summary>
internal static class ApiValues
{
    /// <summary>The environment's top-level object, or null when it defines nothing.</summary>
    public static EscValue? ToEnvironment(IReadOnlyDictionary<string, ApiValue>? properties) =>
        properties is null || properties.Count == 0
            ? null
            : EscValue.FromObject(properties.Select(p => KeyValuePair.Create(p.Key, ToValue(p.Value))));

    public static EscValue ToValue(ApiValue value)
    {
        var result = value.Unknown ? EscValue.Unknown : FromPayload(value);
        if (value.Secret)
        {
            result = result.WithSecret();
        }
        return value.Trace is { } trace ? result.WithTrace(new ValueTrace(ToRange(trace.Def), trace.Base is { } b ? ToValue(b) : null)) : result;
    }

    public static SourceRange? ToRange(Client.Models.SourceRange? range) =>
        range is null
            ? null
            : new SourceRange(range.Environment, new SourcePosition(range.Begin.Line, range.Begin.Column, range.Begin.Byte), new SourcePosition(range.End.Line, range.End.Column, range.End.Byte));

    private static EscValue FromPayload(ApiValue value) => value.Payload.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => EscValue.Null,
        JsonValueKind.True => EscValue.True,
        JsonValueKind.False => EscValue.False,
        JsonValueKind.Number => EscValue.FromNumberText(value.Payload.GetRawText()),
        JsonValueKind.String => EscValue.FromString(value.Payload.GetString()!),
        // Elements of arrays and objects are Values themselves.
        JsonValueKind.Array => EscValue.FromArray(value.Items!.Select(ToValue)),
        _ => EscValue.FromObject(value.Properties!.Select(p => KeyValuePair.Create(p.Key, ToValue(p.Value)))),
    };
}
