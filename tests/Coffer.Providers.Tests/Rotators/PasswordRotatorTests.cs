using Coffer.Language;
using Coffer.Language.Hosting;
using Coffer.Language.Values;
using Coffer.Providers.Rotators;

namespace Coffer.Providers.Tests.Rotators;

/// <summary><c>fn::rotate::password</c>: its inputs, defaults and ranges, and what it generates.</summary>
public sealed class PasswordRotatorTests
{
    private static readonly ProviderContext Context = new("p/e", "p/e", EscValue.EmptyObject, null);
    private readonly PasswordRotator _rotator = new();

    private static EscValue Inputs(string yaml) => EscValue.ParseJson(yaml);

    private async Task<string> GenerateAsync(string inputs, EscValue? state = null) =>
        (await _rotator.RotateAsync(Inputs(inputs), state, Context, default))["current"]!.AsString;

    [Fact]
    public async Task By_default_a_password_has_16_characters_of_every_class()
    {
        var passwords = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            passwords.Add(await GenerateAsync("{}"));
        }

        Assert.All(passwords, p => Assert.Equal(16, p.Length));
        var all = string.Concat(passwords);
        Assert.Contains(all, char.IsAsciiLetterLower);
        Assert.Contains(all, char.IsAsciiLetterUpper);
        Assert.Contains(all, char.IsAsciiDigit);
        Assert.Contains(all, c => PasswordRotator.DefaultSpecial.Contains(c));
        Assert.All(all, c => Assert.True(char.IsAsciiLetterOrDigit(c) || PasswordRotator.DefaultSpecial.Contains(c), $"unexpected {c}"));
        Assert.Equal(50, passwords.Distinct().Count());
    }

    [Fact]
    public async Task Minimum_counts_are_always_met()
    {
        for (var i = 0; i < 100; i++)
        {
            var password = await GenerateAsync("""{"length": 12, "minLower": 3, "minUpper": 3, "minNumeric": 3, "minSpecial": 3}""");
            Assert.Equal(3, password.Count(char.IsAsciiLetterLower));
            Assert.Equal(3, password.Count(char.IsAsciiLetterUpper));
            Assert.Equal(3, password.Count(char.IsAsciiDigit));
        }
    }

    [Fact]
    public async Task Classes_can_be_turned_off_and_special_characters_chosen()
    {
        var password = await GenerateAsync("""{"length": 100, "lower": false, "upper": false, "overrideSpecial": "~"}""");

        Assert.Equal(100, password.Length);
        Assert.All(password, c => Assert.True(char.IsAsciiDigit(c) || c == '~', $"unexpected {c}"));
    }

    [Theory]
    [InlineData("""{"length": 7}""", "password: length must be from 8 to 100, not 7")]
    [InlineData("""{"length": 101}""", "password: length must be from 8 to 100, not 101")]
    [InlineData("""{"length": 8.5}""", "password: length must be a whole number from 8 to 100")]
    [InlineData("""{"minSpecial": 101}""", "password: minSpecial must be from 0 to 100, not 101")]
    [InlineData("""{"minLower": -1}""", "password: minLower must be from 0 to 100, not -1")]
    [InlineData("""{"length": 8, "minLower": 5, "minUpper": 4}""", "password: the minimum counts add up to 9, more than the length 8")]
    [InlineData("""{"lower": false, "upper": false, "numeric": false, "special": false}""", "password: every character class is turned off; allow at least one of lower, upper, numeric, special")]
    [InlineData("""{"numeric": false, "minNumeric": 1}""", "password: minNumeric is 1 but numeric is false")]
    [InlineData("""{"overrideSpecial": ""}""", "password: overrideSpecial must not be empty")]
    [InlineData("""{"lenght": 20}""", "password: unknown input lenght; expected one of length, lower, upper, numeric, special, minLower, minUpper, minNumeric, minSpecial, overrideSpecial")]
    public async Task Invalid_inputs_are_refused_with_a_reason(string inputs, string message)
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() => GenerateAsync(inputs));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Rotating_keeps_the_current_password_as_previous_and_both_are_secret()
    {
        var first = await _rotator.RotateAsync(Inputs("{}"), null, Context, default);
        var second = await _rotator.RotateAsync(Inputs("{}"), first, Context, default);

        Assert.Null(first["previous"]);
        Assert.Equal(first["current"]!.AsString, second["previous"]!.AsString);
        Assert.True(second["current"]!.IsSecret);
        Assert.True(second["previous"]!.IsSecret);
        Assert.Equal("""{"current":"[secret]","previous":"[secret]"}""", (await _rotator.OpenAsync(Inputs("{}"), second, Context, default)).ToJson());
    }

    [Fact]
    public async Task Opening_before_the_first_rotation_says_to_rotate()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(async () => await _rotator.OpenAsync(Inputs("{}"), null, Context, default));

        Assert.Equal("password: nothing generated yet: rotate the environment first (coffer env rotate)", error.Message);
    }

    [Fact]
    public async Task In_a_definition_the_schema_refuses_a_length_out_of_range()
    {
        var evaluator = new EnvironmentEvaluator(CofferProviders.Create());
        var definition = evaluator.Parse("p/e", "values:\n  pw:\n    fn::rotate::password:\n      inputs: {length: 200}\n");

        var result = await evaluator.EvaluateAsync(definition, new EvaluationOptions { Mode = EvaluationMode.Check });

        Assert.Contains(result.Diagnostics, d => d.IsError && d.Path == "values.pw[\"fn::rotate::password\"].inputs.length");
    }
}
