using Coffer.Language.Syntax;

namespace Coffer.Language.Tests.Syntax;

public sealed class PropertyPathTests
{
    [Theory]
    [InlineData("a", new object[] { "a" })]
    [InlineData("a.b[0]", new object[] { "a", "b", 0 })]
    [InlineData("[\"root key\"].x", new object[] { "root key", "x" })]
    [InlineData("a[\"with \\\" quote\"]", new object[] { "a", "with \" quote" })]
    [InlineData("values.x[\"fn::rotate::swap\"].state", new object[] { "values", "x", "fn::rotate::swap", "state" })]
    public void Paths_parse_into_segments(string text, object[] segments)
    {
        Assert.True(PropertyPath.TryParse(text, out var path, out var error), error);
        Assert.Equal(segments, path.Segments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.")]
    [InlineData(".a")]
    [InlineData("a[x]")]
    [InlineData("a[\"open")]
    [InlineData("a..b")]
    public void Malformed_paths_are_rejected_with_a_message(string text)
    {
        Assert.False(PropertyPath.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Paths_print_canonically() =>
        Assert.Equal("a[\"b-c\"][2].d", PropertyPath.Parse("a[\"b-c\"][2][\"d\"]").ToString());
}
