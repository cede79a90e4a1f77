using Coffer.Language.Hosting;
using Coffer.Language.Values;
using Coffer.Providers.Rotators;

namespace Coffer.Providers.Tests.Rotators;

/// <summary><c>fn::rotate::passphrase</c> and its word list.</summary>
public sealed class PassphraseRotatorTests
{
    private static readonly ProviderContext Context = new("p/e", "p/e", EscValue.EmptyObject, null);
    private readonly PassphraseRotator _rotator = new();

    private async Task<string> GenerateAsync(string inputs) =>
        (await _rotator.RotateAsync(EscValue.ParseJson(inputs), null, Context, default))["current"]!.AsString;

    [Fact]
    public void The_word_list_has_many_distinct_lower_case_words()
    {
        var words = PassphraseWords.All;

        Assert.True(words.Count >= 1500, $"only {words.Count} words");
        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
        Assert.All(words, w => Assert.Matches("^[a-z]{3,9}$", w));
    }

    [Fact]
    public async Task By_default_a_passphrase_is_five_listed_words_joined_by_dashes()
    {
        var passphrase = await GenerateAsync("{}");

        var words = passphrase.Split('-');
        Assert.Equal(5, words.Length);
        Assert.All(words, w => Assert.Contains(w, PassphraseWords.All));
    }

    [Fact]
    public async Task Length_separator_and_capitals_can_be_chosen()
    {
        var passphrase = await GenerateAsync("""{"length": 15, "separator": "🔑", "capitalize": true}""");

        var words = passphrase.Split("🔑");
        Assert.Equal(15, words.Length);
        Assert.All(words, w => Assert.True(char.IsAsciiLetterUpper(w[0]) && w[1..].All(char.IsAsciiLetterLower), w));
    }

    [Fact]
    public async Task Passphrases_differ_between_rotations()
    {
        var passphrases = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            passphrases.Add(await GenerateAsync("""{"length": 3}"""));
        }

        Assert.True(passphrases.Count >= 19);
    }

    [Theory]
    [InlineData("""{"length": 2}""", "passphrase: length must be from 3 to 15, not 2")]
    [InlineData("""{"length": 16}""", "passphrase: length must be from 3 to 15, not 16")]
    [InlineData("""{"separator": ""}""", "passphrase: separator must be exactly one character")]
    [InlineData("""{"separator": "--"}""", "passphrase: separator must be exactly one character")]
    [InlineData("""{"capitalize": "yes"}""", "passphrase: capitalize must be a boolean")]
    [InlineData("""{"words": 4}""", "passphrase: unknown input words; expected one of length, separator, capitalize")]
    public async Task Invalid_inputs_are_refused_with_a_reason(string inputs, string message)
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() => GenerateAsync(inputs));

        Assert.Equal(message, error.Message);
    }
}
