using System.Security.Cryptography;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Providers.Rotators;

/// <summary>
/// <c>fn::rotate::password</c>: generates a random password on this server at every rotation, from
/// the character classes the inputs allow, with at least the minimum count of each. Nothing leaves
/// the server; the password is stored encrypted in the environment's state.
/// </summary>
internal sealed class PasswordRotator : IRotator
{
    public const string Name = "password";
    public const string DefaultSpecial = "!@#$%&*()-_=+[]{}<>:?";

    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Numeric = "0123456789";

    public Schema Inputs { get; } = Schema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "length": {"type": "number", "minimum": 8, "maximum": 100, "description": "How many characters (default 16)."},
            "lower": {"type": "boolean", "description": "Use lower-case letters (default true)."},
            "upper": {"type": "boolean", "description": "Use upper-case letters (default true)."},
            "numeric": {"type": "boolean", "description": "Use digits (default true)."},
            "special": {"type": "boolean", "description": "Use special characters (default true)."},
            "minLower": {"type": "number", "minimum": 0, "maximum": 100, "description": "At least this many lower-case letters (default 0)."},
            "minUpper": {"type": "number", "minimum": 0, "maximum": 100, "description": "At least this many upper-case letters (default 0)."},
            "minNumeric": {"type": "number", "minimum": 0, "maximum": 100, "description": "At least this many digits (default 0)."},
            "minSpecial": {"type": "number", "minimum": 0, "maximum": 100, "description": "At least this many special characters (default 0)."},
            "overrideSpecial": {"type": "string", "minLength": 1, "description": "The special characters to use (default {{DefaultSpecial}})."}
          }
        }
        """);

    public Schema State => RotatedSecret.State;

    public Schema Outputs => RotatedSecret.State;

    public ValueTask<EscValue> OpenAsync(EscValue inputs, EscValue? state, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _ = PasswordRules.Read(inputs);
        return ValueTask.FromResult(RotatedSecret.Open(Name, state));
    }

    public ValueTask<EscValue> RotateAsync(EscValue inputs, EscValue? state, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return ValueTask.FromResult(RotatedSecret.Next(state, PasswordRules.Read(inputs).Generate()));
    }

    /// <summary>The inputs, read and checked: the classes in use and their minimum counts.</summary>
    internal sealed record PasswordRules(int Length, IReadOnlyList<(string Characters, int Minimum)> Classes)
    {
        public static PasswordRules Read(EscValue inputs)
        {
            ProviderInputs.RejectUnknown(inputs, Name, "", "length", "lower", "upper", "numeric", "special", "minLower", "minUpper", "minNumeric", "minSpecial", "overrideSpecial");
            var length = RotatedSecret.Integer(inputs, "length", 16, 8, 100, Name);
            var special = ProviderInputs.OptionalString(inputs, "overrideSpecial", Name, "") ?? DefaultSpecial;
            if (special.Length == 0)
            {
                throw new ProviderException($"{Name}: overrideSpecial must not be empty");
            }
            var classes = new List<(string, int)>();
            foreach (var (flag, minimum, characters) in new[] { ("lower", "minLower", Lower), ("upper", "minUpper", Upper), ("numeric", "minNumeric", Numeric), ("special", "minSpecial", special) })
            {
                var count = RotatedSecret.Integer(inputs, minimum, 0, 0, 100, Name);
                if (!ProviderInputs.OptionalBoolean(inputs, flag, true, Name, ""))
                {
                    if (count > 0)
                    {
                        throw new ProviderException($"{Name}: {minimum} is {count} but {flag} is false");
                    }
                    continue;
                }
                classes.Add((new string([.. characters.Distinct()]), count));
            }
            if (classes.Count == 0)
            {
                throw new ProviderException($"{Name}: every character class is turned off; allow at least one of lower, upper, numeric, special");
            }
            var required = classes.Sum(c => c.Item2);
            if (required > length)
            {
                throw new ProviderException($"{Name}: the minimum counts add up to {required}, more than the length {length}");
            }
            return new PasswordRules(length, classes);
        }

        /// <summary>A password: the minimum of each class first, the rest from all classes, then shuffled.</summary>
        public string Generate()
        {
            var all = string.Concat(Classes.Select(c => c.Characters));
            var characters = new List<char>(Length);
            foreach (var (set, minimum) in Classes)
            {
                for (var i = 0; i < minimum; i++)
                {
                    characters.Add(set[RandomNumberGenerator.GetInt32(set.Length)]);
                }
            }
            while (characters.Count < Length)
            {
                characters.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
            }
            var shuffled = characters.ToArray();
            RandomNumberGenerator.Shuffle(shuffled.AsSpan());
            return new string(shuffled);
        }
    }
}
