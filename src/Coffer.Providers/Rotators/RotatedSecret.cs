using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Providers.Rotators;

/// <summary>
/// The state of the locally generating rotators: the <c>current</c> secret and the <c>previous</c>
/// one, which stays valid until the next rotation so that running programs can switch over.
/// </summary>
internal static class RotatedSecret
{
    public static Schema State { get; } = Schema.Parse("""
        {
          "type": "object",
          "properties": {
            "current": {"type": "string", "secret": true, "description": "The secret to use."},
            "previous": {"type": "string", "secret": true, "description": "The secret before the last rotation."}
          },
          "required": ["current"]
        }
        """);

    /// <summary>What opening shows: the state's secrets, always marked secret (a hand-written state may have lost the mark).</summary>
    public static EscValue Open(string rotator, EscValue? state)
    {
        if (state is null || state["current"] is not { Kind: EscValueKind.String } current)
        {
            throw new ProviderException($"{rotator}: nothing generated yet: rotate the environment first (coffer env rotate)");
        }
        var properties = new List<KeyValuePair<string, EscValue>> { new("current", EscValue.FromString(current.AsString, secret: true)) };
        if (state["previous"] is { Kind: EscValueKind.String } previous)
        {
            properties.Add(new("previous", EscValue.FromString(previous.AsString, secret: true)));
        }
        return EscValue.FromObject(properties);
    }

    /// <summary>The new state: a fresh secret, and the old current one kept as previous.</summary>
    public static EscValue Next(EscValue? state, string generated)
    {
        var properties = new List<KeyValuePair<string, EscValue>> { new("current", EscValue.FromString(generated, secret: true)) };
        if (state?["current"] is { Kind: EscValueKind.String } current)
        {
            properties.Add(new("previous", EscValue.FromString(current.AsString, secret: true)));
        }
        return EscValue.FromObject(properties);
    }

    public static int Integer(EscValue inputs, string key, int fallback, int minimum, int maximum, string rotator)
    {
        if (inputs[key] is null or { Kind: EscValueKind.Null })
        {
            return fallback;
        }
        if (inputs[key] is not { Kind: EscValueKind.Number } number
            || !int.TryParse(number.AsNumberText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw new ProviderException($"{rotator}: {key} must be a whole number from {minimum} to {maximum}");
        }
        return value >= minimum && value <= maximum
            ? value
            : throw new ProviderException($"{rotator}: {key} must be from {minimum} to {maximum}, not {value}");
    }
}
