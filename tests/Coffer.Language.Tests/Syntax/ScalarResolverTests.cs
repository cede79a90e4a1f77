using Coffer.Language.Syntax;

namespace Coffer.Language.Tests.Syntax;

public sealed class ScalarResolverTests
{
    [Theory]
    [InlineData("42", "42")]
    [InlineData("-17", "-17")]
    [InlineData("+5", "5")]
    [InlineData("1_000", "1000")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    [InlineData("0777", "511")]
    [InlineData("089", "89")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("123456789012345678901234", "1.2345678901234569e+23")]
    [InlineData("3.140", "3.14")]
    [InlineData("1.0", "1")]
    [InlineData("1000000.0", "1e+06")]
    [InlineData("123456.0", "123456")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("1e3", "1000")]
    [InlineData(".5", "0.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData(".inf", "+Inf")]
    [InlineData("-.Inf", "-Inf")]
    [InlineData(".nan", "NaN")]
    public void Plain_numbers_resolve_to_their_canonical_text(string text, string expected)
    {
        var resolved = ScalarResolver.ResolvePlain(text);
        Assert.Equal(ScalarKind.Number, resolved.Kind);
        Assert.Equal(expected, resolved.Text);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("No")]
    [InlineData("2001-12-14")]
    [InlineData("1e400")]
    [InlineData("0x")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("12abc")]
    public void Other_plain_scalars_stay_strings(string text) =>
        Assert.Equal(ScalarKind.String, ScalarResolver.ResolvePlain(text).Kind);

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    public void Booleans_are_the_yaml_1_2_spellings(string text, bool expected)
    {
        var resolved = ScalarResolver.ResolvePlain(text);
        Assert.Equal(ScalarKind.Boolean, resolved.Kind);
        Assert.Equal(expected, resolved.Boolean);
    }

    [Theory]
    [InlineData("")]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    public void Nulls_are_recognised(string text) => Assert.Equal(ScalarKind.Null, ScalarResolver.ResolvePlain(text).Kind);

    [Fact]
    public void An_explicit_tag_that_does_not_fit_is_an_error()
    {
        ScalarResolver.ResolveTagged("tag:yaml.org,2002:int", "abc", out var error);
        Assert.Equal("cannot decode !!str `abc` as a !!int", error);
    }

    [Fact]
    public void An_unrecognised_tag_reads_the_scalar_as_a_string()
    {
        var resolved = ScalarResolver.ResolveTagged("!custom", "42", out var error);
        Assert.Null(error);
        Assert.Equal(ScalarKind.String, resolved.Kind);
    }
}
