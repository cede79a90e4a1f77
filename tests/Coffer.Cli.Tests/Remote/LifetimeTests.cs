using System.Text.RegularExpressions;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;

namespace Coffer.Cli.Tests.Remote;

/// <summary>Session lifetimes as written after --lifetime.</summary>
public sealed partial class LifetimeTests
{
    [Theory]
    [InlineData("2h", 7200)]
    [InlineData("30m", 1800)]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("0.5m30s", 60)]
    [InlineData("1h1h", 7200)]
    [InlineData("2h\n", 7200)]
    public void A_lifetime_is_the_sum_of_its_parts(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Lifetime.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("2")]
    [InlineData("h")]
    [InlineData("2d")]
    [InlineData("1.h")]
    [InlineData(".5h")]
    [InlineData("1..5h")]
    [InlineData("-2h")]
    [InlineData("+2h")]
    [InlineData(" 2h")]
    [InlineData("2h ")]
    [InlineData("2H")]
    [InlineData("2h\n\n")]
    [InlineData("2h30")]
    [InlineData("１h")]
    public void Anything_else_is_refused(string text)
    {
        var failure = Assert.Throws<CommandFailure>(() => Lifetime.Parse(text));

        Assert.StartsWith($"invalid lifetime \"{text}\": use hours, minutes and seconds", failure.Message);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("0h0m0.0s")]
    public void A_lifetime_of_zero_is_refused(string text) =>
        Assert.Equal($"invalid lifetime \"{text}\": it must be longer than zero", Assert.Throws<CommandFailure>(() => Lifetime.Parse(text)).Message);

    /// <summary>The parser replaced the pattern below; it must accept exactly what the pattern accepted.</summary>
    [Fact]
    public void It_accepts_exactly_what_the_former_pattern_accepted()
    {
        var alphabet = new[] { "1", "0", "25", ".", "h", "m", "s", "d", "\n", " " };
        var texts = new List<string> { "" };
        for (var length = 0; length < 4; length++)
        {
            texts.AddRange(texts.Where(t => t.Length >= length).SelectMany(t => alphabet.Select(a => t + a)).ToList());
        }
        foreach (var text in texts.Distinct())
        {
            var accepted = FormerPattern().IsMatch(text) && text.Length > 0;
            var parsed = Record.Exception(() => Lifetime.Parse(text)) is not CommandFailure { Message: var message } || !message.Contains("use hours", StringComparison.Ordinal);
            Assert.True(accepted == parsed, $"\"{Regex.Escape(text)}\": pattern {accepted}, parser {parsed}");
        }
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(\.[0-9]+)?[hms])+$")]
    private static partial Regex FormerPattern();
}
