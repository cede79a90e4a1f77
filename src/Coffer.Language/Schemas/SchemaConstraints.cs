using System.Globalization;
using System.Text.RegularExpressions;
using Coffer.Language.Values;

namespace Coffer.Language.Schemas;

/// <summary>The less common keywords of a schema, as written and as parsed by <see cref="Compile"/>.</summary>
internal sealed class SchemaConstraints
{
    public string? MultipleOf { get; init; }
    public string? Maximum { get; init; }
    public string? ExclusiveMaximum { get; init; }
    public string? Minimum { get; init; }
    public string? ExclusiveMinimum { get; init; }
    public string? MaxLength { get; init; }
    public string? MinLength { get; init; }
    public string? Pattern { get; init; }
    public string? MaxItems { get; init; }
    public string? MinItems { get; init; }
    public string? MaxProperties { get; init; }
    public string? MinProperties { get; init; }
    public Dictionary<string, List<string>>? DependentRequired { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public EscValue? Default { get; init; }
    public bool Deprecated { get; init; }
    public List<EscValue>? Examples { get; init; }
    public bool UniqueItems { get; init; }

    public DecimalNumber? MultipleOfValue { get; private set; }
    public DecimalNumber? MaximumValue { get; private set; }
    public DecimalNumber? ExclusiveMaximumValue { get; private set; }
    public DecimalNumber? MinimumValue { get; private set; }
    public DecimalNumber? ExclusiveMinimumValue { get; private set; }
    public ulong? MaxLengthValue { get; private set; }
    public ulong? MinLengthValue { get; private set; }
    public Regex? PatternValue { get; private set; }
    public ulong? MaxItemsValue { get; private set; }
    public ulong? MinItemsValue { get; private set; }
    public ulong? MaxPropertiesValue { get; private set; }
    public ulong? MinPropertiesValue { get; private set; }

    public bool IsEmpty =>
        MultipleOf is null && Maximum is null && ExclusiveMaximum is null && Minimum is null && ExclusiveMinimum is null
        && MaxLength is null && MinLength is null && Pattern is null && MaxItems is null && MinItems is null
        && MaxProperties is null && MinProperties is null && DependentRequired is null && Title is null
        && Description is null && Default is null && !Deprecated && Examples is null && !UniqueItems;

    /// <summary>Parses bounds and the pattern; returns a message when one is invalid.</summary>
    public string? Compile()
    {
        try
        {
            MultipleOfValue = ParseNumber(MultipleOf);
            MaximumValue = ParseNumber(Maximum);
            ExclusiveMaximumValue = ParseNumber(ExclusiveMaximum);
            MinimumValue = ParseNumber(Minimum);
            ExclusiveMinimumValue = ParseNumber(ExclusiveMinimum);
            MaxLengthValue = ParseCount(MaxLength);
            MinLengthValue = ParseCount(MinLength);
            MaxItemsValue = ParseCount(MaxItems);
            MinItemsValue = ParseCount(MinItems);
            MaxPropertiesValue = ParseCount(MaxProperties);
            MinPropertiesValue = ParseCount(MinProperties);
            if (Pattern is not null)
            {
                // Patterns are RE2-style; the non-backtracking engine keeps matching linear in time.
                PatternValue = new Regex(Pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
            }
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
        catch (ArgumentException ex)
        {
            return $"error parsing regexp: {ex.Message}";
        }
        catch (NotSupportedException ex)
        {
            return $"error parsing regexp: {ex.Message}";
        }
    }

    private static DecimalNumber? ParseNumber(string? text) =>
        text is null ? null
        : DecimalNumber.TryParse(text, out var n) ? n
        : throw new FormatException($"invalid number {text}");

    private static ulong? ParseCount(string? text) =>
        text is null ? null
        : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new FormatException($"strconv.ParseUint: parsing \"{text}\": invalid syntax");
}
