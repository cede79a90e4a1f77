using System.Globalization;
using Coffer.Language.Syntax;

namespace Coffer.Language.Values;

/// <summary>The JSON-like kind of an <see cref="EscValue"/>.</summary>
public enum EscValueKind
{
    /// <summary>null (also the kind of an unknown value).</summary>
    Null,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A number, kept as its text.</summary>
    Number,

    /// <summary>A string.</summary>
    String,

    /// <summary>An ordered list of values.</summary>
    Array,

    /// <summary>A map from string keys to values, ordered by key.</summary>
    Object,
}

/// <summary>Where a value was defined, and the imported value it overrode.</summary>
/// <param name="Definition">The text that produced the value, if known.</param>
/// <param name="Base">The value underneath this one (from an import or a referenced value's layers).</param>
public sealed record ValueTrace(SourceRange? Definition, EscValue? Base);

/// <summary>
/// An evaluated value: JSON data plus two flags. A <em>secret</em> value must be redacted when
/// shown; an <em>unknown</em> value could not be computed (a provider not run during check, or an
/// error). Values are immutable; numbers keep their source text.
/// </summary>
public sealed class EscValue
{
    private readonly object? _payload;
    private ValueTrace? _trace;
    private Func<ValueTrace?>? _traceSource;

    private EscValue(EscValueKind kind, object? payload, bool secret, bool unknown, ValueTrace? trace)
    {
        Kind = kind;
        _payload = payload;
        IsSecret = secret;
        IsUnknown = unknown;
        _trace = trace;
    }

    /// <summary>The value's kind. Unknown values are <see cref="EscValueKind.Null"/>.</summary>
    public EscValueKind Kind { get; }

    /// <summary>True when the value (with everything inside it) is secret.</summary>
    public bool IsSecret { get; }

    /// <summary>True when the value could not be computed.</summary>
    public bool IsUnknown { get; }

    /// <summary>Where the value came from, when the evaluator knows.</summary>
    public ValueTrace? Trace
    {
        get
        {
            // Traces are built on first use: most consumers never read them.
            if (_traceSource is { } source)
            {
                _trace = source();
                _traceSource = null;
            }
            return _trace;
        }
    }

    /// <summary>The null value.</summary>
    public static EscValue Null { get; } = new(EscValueKind.Null, null, false, false, null);

    /// <summary>An unknown value.</summary>
    public static EscValue Unknown { get; } = new(EscValueKind.Null, null, false, true, null);

    /// <summary>An object with no properties.</summary>
    public static EscValue EmptyObject { get; } = new(EscValueKind.Object, PropertyMap.Empty, false, false, null);

    /// <summary>The boolean true.</summary>
    public static EscValue True { get; } = new(EscValueKind.Boolean, true, false, false, null);

    /// <summary>The boolean false.</summary>
    public static EscValue False { get; } = new(EscValueKind.Boolean, false, false, false, null);

    /// <summary>The boolean content; throws for other kinds.</summary>
    public bool AsBoolean => Kind == EscValueKind.Boolean ? (bool)_payload! : throw WrongKind(EscValueKind.Boolean);

    /// <summary>The number's text (<c>42</c>, <c>3.14</c>, <c>1e+06</c>); throws for other kinds.</summary>
    public string AsNumberText => Kind == EscValueKind.Number ? (string)_payload! : throw WrongKind(EscValueKind.Number);

    /// <summary>The string content; throws for other kinds.</summary>
    public string AsString => Kind == EscValueKind.String ? (string)_payload! : throw WrongKind(EscValueKind.String);

    /// <summary>The elements of an array; empty for other kinds.</summary>
    public IReadOnlyList<EscValue> Items => _payload as EscValue[] ?? [];

    /// <summary>The properties of an object, ordered by key; empty for other kinds.</summary>
    public IReadOnlyDictionary<string, EscValue> Properties => _payload as PropertyMap ?? PropertyMap.Empty;

    /// <summary>Creates a string.</summary>
    public static EscValue FromString(string value, bool secret = false) =>
        new(EscValueKind.String, value ?? throw new ArgumentNullException(nameof(value)), secret, false, null);

    /// <summary>Creates a boolean.</summary>
    public static EscValue FromBoolean(bool value) => value ? True : False;

    /// <summary>Creates an integer number.</summary>
    public static EscValue FromNumber(long value) => new(EscValueKind.Number, NumberText.FromInteger(value), false, false, null);

    /// <summary>Creates a number from a double, written in the language's canonical form.</summary>
    public static EscValue FromNumber(double value) => new(EscValueKind.Number, NumberText.FromDouble(value), false, false, null);

    /// <summary>Creates a number from its JSON text (kept as written).</summary>
    public static EscValue FromNumberText(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new(EscValueKind.Number, text, false, false, null);
    }

    /// <summary>Creates an array.</summary>
    public static EscValue FromArray(IEnumerable<EscValue> items) =>
        new(EscValueKind.Array, items.ToArray(), false, false, null);

    /// <summary>Creates an object.</summary>
    public static EscValue FromObject(IEnumerable<KeyValuePair<string, EscValue>> properties) =>
        new(EscValueKind.Object, new PropertyMap(properties), false, false, null);

    /// <summary>Creates an object from key/value pairs.</summary>
    public static EscValue FromObject(params (string Key, EscValue Value)[] properties) =>
        FromObject(properties.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    /// <summary>This value marked secret (or not).</summary>
    public EscValue WithSecret(bool secret = true) =>
        secret == IsSecret ? this : new(Kind, _payload, secret, IsUnknown, Trace);

    /// <summary>This value marked unknown (or not).</summary>
    public EscValue WithUnknown(bool unknown = true) =>
        unknown == IsUnknown ? this : new(Kind, _payload, IsSecret, unknown, Trace);

    /// <summary>This value with a trace.</summary>
    public EscValue WithTrace(ValueTrace? trace) => new(Kind, _payload, IsSecret, IsUnknown, trace);

    /// <summary>A value whose trace is computed by <paramref name="traceSource"/> when first read.</summary>
    internal static EscValue Evaluated(EscValue content, bool secret, Func<ValueTrace?> traceSource) =>
        new(content.Kind, content._payload, secret, content.IsUnknown, null) { _traceSource = traceSource };

    /// <summary>An object from properties already sorted by key and without duplicates.</summary>
    internal static EscValue FromSortedObject(KeyValuePair<string, EscValue>[] properties) =>
        new(EscValueKind.Object, PropertyMap.FromSorted(properties), false, false, null);

    /// <summary>Looks up a property of an object; null when absent or not an object.</summary>
    public EscValue? this[string key] => Properties.TryGetValue(key, out var v) ? v : null;

    /// <summary>True when this value or anything inside it is secret.</summary>
    public bool ContainsSecrets() =>
        IsSecret || Items.Any(i => i.ContainsSecrets()) || Properties.Values.Any(v => v.ContainsSecrets());

    /// <summary>True when this value or anything inside it is unknown.</summary>
    public bool ContainsUnknowns() =>
        IsUnknown || Items.Any(i => i.ContainsUnknowns()) || Properties.Values.Any(v => v.ContainsUnknowns());

    /// <summary>Follows a property path; null when a step does not exist.</summary>
    public EscValue? Select(PropertyPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = this;
        foreach (var segment in path.Segments)
        {
            current = segment switch
            {
                int i when current.Kind == EscValueKind.Array && i >= 0 && i < current.Items.Count => current.Items[i],
                string k when current.Kind == EscValueKind.Object => current[k],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }

    /// <summary>Renders as compact JSON; secrets are shown as <c>"[secret]"</c> unless <paramref name="reveal"/>.</summary>
    public string ToJson(bool reveal = false, bool indented = false) =>
        ValueJson.Render(this, reveal ? ValueRendering.Revealed : ValueRendering.Redacted, indented);

    /// <inheritdoc/>
    public override string ToString() => ToJson();

    /// <summary>Builds a value from JSON text; numbers keep their text.</summary>
    public static EscValue ParseJson(string json) => ValueJson.Parse(json);

    private InvalidOperationException WrongKind(EscValueKind expected) =>
        new($"the value is {(IsUnknown ? "unknown" : Kind.ToString().ToLower(CultureInfo.InvariantCulture))}, not {expected.ToString().ToLower(CultureInfo.InvariantCulture)}");
}
