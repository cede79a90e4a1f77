using System.Security.Cryptography;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Providers.Rotators;

/// <summary>
/// <c>fn::rotate::passphrase</c>: a passphrase of random words from the word list built into Coffer
/// (<see cref="PassphraseWords"/>), generated on this server at every rotation.
/// </summary>
internal sealed class PassphraseRotator : IRotator
{
    public const string Name = "passphrase";

    public Schema Inputs { get; } = Schema.Parse("""
        {
          "type": "object",
          "properties": {
            "length": {"type": "number", "minimum": 3, "maximum": 15, "description": "How many words (default 5)."},
            "separator": {"type": "string", "minLength": 1, "maxLength": 1, "description": "The character between words (default -)."},
            "capitalize": {"type": "boolean", "description": "Start every word with a capital letter (default false)."}
          }
        }
        """);

    public Schema State => RotatedSecret.State;

    public Schema Outputs => RotatedSecret.State;

    public ValueTask<EscValue> OpenAsync(EscValue inputs, EscValue? state, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _ = Read(inputs);
        return ValueTask.FromResult(RotatedSecret.Open(Name, state));
    }

    public ValueTask<EscValue> RotateAsync(EscValue inputs, EscValue? state, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (length, separator, capitalize) = Read(inputs);
        var words = PassphraseWords.All;
        var chosen = new string[length];
        for (var i = 0; i < length; i++)
        {
            var word = words[RandomNumberGenerator.GetInt32(words.Count)];
            chosen[i] = capitalize ? char.ToUpperInvariant(word[0]) + word[1..] : word;
        }
        return ValueTask.FromResult(RotatedSecret.Next(state, string.Join(separator, chosen)));
    }

    private static (int Length, string Separator, bool Capitalize) Read(EscValue inputs)
    {
        ProviderInputs.RejectUnknown(inputs, Name, "", "length", "separator", "capitalize");
        var length = RotatedSecret.Integer(inputs, "length", 5, 3, 15, Name);
        var separator = ProviderInputs.OptionalString(inputs, "separator", Name, "") ?? "-";
        // One UTF-16 unit or one surrogate pair: "exactly one character" as a user counts it.
        if (System.Globalization.StringInfo.ParseCombiningCharacters(separator).Length != 1)
        {
            throw new ProviderException($"{Name}: separator must be exactly one character");
        }
        return (length, separator, ProviderInputs.OptionalBoolean(inputs, "capitalize", false, Name, ""));
    }
}
