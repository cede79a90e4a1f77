using System.Text.Json;

namespace Coffer.Client.Models;

/// <summary>A position in a definition: 1-based line and column, 0-based byte offset.</summary>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The column, from 1.</param>
/// <param name="Byte">The byte offset, from 0.</param>
public sealed record SourcePosition(int Line, int Column, int Byte);

/// <summary>A span of a definition's text.</summary>
/// <param name="Environment">The environment the text belongs to (<c>project/name</c>, or <c>&lt;yaml&gt;</c> for a checked document).</param>
/// <param name="Begin">Where the span starts.</param>
/// <param name="End">Where the span ends.</param>
public sealed record SourceRange(string Environment, SourcePosition Begin, SourcePosition End);

/// <summary>A problem found in a definition.</summary>
/// <param name="Summary">What is wrong.</param>
/// <param name="Severity"><c>error</c> (also when absent) or <c>warning</c>.</param>
/// <param name="Range">Where, when known.</param>
/// <param name="Path">The document path of the blamed node, when known.</param>
public sealed record Diagnostic(string Summary, string? Severity, SourceRange? Range, string? Path)
{
    /// <summary>True unless the diagnostic is a warning.</summary>
    public bool IsError => !string.Equals(Severity, "warning", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Where a value came from, and the value it overrode.</summary>
/// <param name="Def">The text that defined the value.</param>
/// <param name="Base">The imported value underneath this one.</param>
public sealed record ValueTrace(SourceRange? Def, Value? Base);

/// <summary>
/// An evaluated value. <see cref="Payload"/> is a JSON scalar, an array of values or an object of
/// values, each element itself in this detailed form (<c>{"value", "secret", "unknown", "trace"}</c>).
/// </summary>
/// <param name="Payload">The JSON payload (<c>"value"</c> on the wire).</param>
/// <param name="Secret">True when the value is secret.</param>
/// <param name="Unknown">True when it could not be computed (for example a provider not run by a check).</param>
/// <param name="Trace">Where the value came from.</param>
public sealed record Value(
    [property: System.Text.Json.Serialization.JsonPropertyName("value")] JsonElement Payload,
    bool Secret,
    bool Unknown,
    ValueTrace? Trace)
{
    /// <summary>The elements when <see cref="Payload"/> is an array, else null.</summary>
    public IReadOnlyList<Value>? Items =>
        Payload.ValueKind == JsonValueKind.Array
            ? [.. Payload.EnumerateArray().Select(e => e.Deserialize(Serialization.ClientJsonContext.Default.Value) ?? Null)]
            : null;

    /// <summary>The properties when <see cref="Payload"/> is an object, else null.</summary>
    public IReadOnlyDictionary<string, Value>? Properties =>
        Payload.ValueKind == JsonValueKind.Object
            ? Payload.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Deserialize(Serialization.ClientJsonContext.Default.Value) ?? Null, StringComparer.Ordinal)
            : null;

    private static Value Null { get; } = new(default, false, false, null);
}

/// <summary>An evaluated environment: its top-level values, and the problems found evaluating it.</summary>
/// <param name="Properties">The top-level values; null when the environment defines nothing.</param>
/// <param name="Diagnostics">Warnings (and, for a check, errors) of the evaluation.</param>
public sealed record EvaluatedEnvironment(IReadOnlyDictionary<string, Value>? Properties, IReadOnlyList<Diagnostic>? Diagnostics);

/// <summary>The answer to opening an environment: the id of the session that holds its values.</summary>
/// <param name="Id">The session id.</param>
/// <param name="Diagnostics">Problems found while opening.</param>
public sealed record OpenSession(string Id, IReadOnlyList<Diagnostic>? Diagnostics);
