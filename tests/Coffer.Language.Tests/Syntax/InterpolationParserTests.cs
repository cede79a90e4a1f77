using Coffer.Language.Declarations;
using Coffer.Language.Diagnostics;
using Coffer.Language.Syntax;

namespace Coffer.Language.Tests.Syntax;

public sealed class InterpolationParserTests
{
    private static (IReadOnlyList<Interpolation> Parts, List<Diagnostic> Diagnostics) Parse(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var node = new StringNode(new SourceRange("t", new SourcePosition(1, 1, 0), new SourcePosition(1, 1 + text.Length, text.Length)), "values.x", text)
        {
            HasInnerPositions = true,
        };
        return (InterpolationParser.Parse(node, diagnostics), diagnostics);
    }

    [Fact]
    public void Text_and_accesses_alternate()
    {
        var (parts, diagnostics) = Parse("postgres://${host}:${port}/app");
        Assert.Empty(diagnostics);
        Assert.Equal(["postgres://", ":", "/app"], parts.Select(p => p.Text));
        Assert.Equal("host", parts[0].Access!.ToString());
        Assert.Equal("port", parts[1].Access!.ToString());
        Assert.Null(parts[2].Access);
    }

    [Fact]
    public void Double_dollar_escapes_a_dollar()
    {
        var (parts, diagnostics) = Parse("cost is $${price} and $$$");
        Assert.Empty(diagnostics);
        Assert.Equal("cost is ${price} and $$", Assert.Single(parts).Text);
    }

    [Fact]
    public void Subscripts_take_keys_and_indices()
    {
        var (parts, _) = Parse("${a.b[0][\"k \\\"q\\\"\"][-1]}");
        var accessors = parts[0].Access!.Accessors;
        Assert.Equal("a", ((PropertyName)accessors[0]).Name);
        Assert.Equal("b", ((PropertyName)accessors[1]).Name);
        Assert.Equal(0, ((PropertySubscript)accessors[2]).Index);
        Assert.Equal("k \"q\"", ((PropertySubscript)accessors[3]).Index);
        Assert.Equal(-1, ((PropertySubscript)accessors[4]).Index);
    }

    [Theory]
    [InlineData("${a", "missing closing brace '}' in interpolation", 4)]
    [InlineData("${ a}", "missing closing brace '}' in interpolation", 3)]
    [InlineData("${a.}", "property name must not be empty", 4)]
    [InlineData("${a[0}", "subscript is missing closing bracket ']'", 4)]
    [InlineData("${a[\"\"]}", "key subscript must not be empty", 5)]
    [InlineData("${a[x]}", "numeric subscript must be a positive base-10 integer", 5)]
    [InlineData("${[0]}", "the first accessor must be a property name or key subscript, not a numeric subscript", 3)]
    public void Malformed_accesses_are_reported_where_they_go_wrong(string text, string message, int column)
    {
        var (_, diagnostics) = Parse(text);
        var diagnostic = Assert.Single(diagnostics, d => d.Summary == message);
        Assert.Equal(column, diagnostic.Range!.Begin.Column);
        Assert.Equal("values.x", diagnostic.Path);
    }

    [Fact]
    public void An_unterminated_key_reports_quote_bracket_and_brace()
    {
        var (_, diagnostics) = Parse("${a[\"k}");
        Assert.Equal(
            ["key subscript is missing closing quote '\"'", "subscript is missing closing bracket ']'", "missing closing brace '}' in interpolation"],
            diagnostics.Select(d => d.Summary));
    }

    [Fact]
    public void An_empty_access_names_the_empty_property()
    {
        var (parts, diagnostics) = Parse("${}");
        Assert.Empty(diagnostics);
        Assert.Equal("", ((PropertyName)parts[0].Access!.Accessors[0]).Name);
    }
}
