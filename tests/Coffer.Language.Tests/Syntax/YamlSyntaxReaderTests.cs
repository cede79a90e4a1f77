using Coffer.Language.Declarations;

namespace Coffer.Language.Tests.Syntax;

public sealed class YamlSyntaxReaderTests
{
    [Theory]
    [InlineData("values:\n  a: x\0y\n", 2, 7)]
    [InlineData("values:\n  a: \"\u0001\"\n", 2, 7)]
    [InlineData("# \u007f\nvalues: {}\n", 1, 3)]
    [InlineData("values:\n  a: \ufffe\n", 2, 6)]
    public void Control_characters_are_an_error_at_their_position(string yaml, int line, int column)
    {
        var definition = EnvironmentDefinition.Parse("env", yaml);

        Assert.True(definition.IsUnreadable);
        var diagnostic = Assert.Single(definition.Diagnostics);
        Assert.Equal("control characters are not allowed", diagnostic.Summary);
        Assert.Equal((line, column), (diagnostic.Range!.Begin.Line, diagnostic.Range.Begin.Column));
    }

    [Fact]
    public void Tabs_line_breaks_unicode_and_escaped_control_characters_are_allowed()
    {
        var definition = EnvironmentDefinition.Parse("env", "values:\r\n  a: \"tab\there \\0 \\u0001\"\r\n  b: héllo 你好 🔑 \u0085\n");

        Assert.Empty(definition.Diagnostics);
    }
}
