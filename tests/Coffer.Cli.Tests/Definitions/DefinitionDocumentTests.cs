using Coffer.Cli.Definitions;
using Coffer.Language.Syntax;

namespace Coffer.Cli.Tests.Definitions;

public sealed class DefinitionDocumentTests
{
    private const string Commented = """
        # Top comment
        imports:
          - shared/db   # the db
        values:
          # greeting for users
          greeting: 'hello'   # keep me
          nested:
            deep: 1   # deep comment

            other: two
          list:
            - a
        # trailing comment

        """;

    private static string Set(string yaml, string path, string value, bool secret = false)
    {
        var document = DefinitionDocument.Parse(yaml);
        var node = DefinitionDocument.ParseValue(value, asString: false);
        document.Set(PropertyPath.Parse(path), secret ? DefinitionDocument.Secret(node) : node);
        return document.ToString();
    }

    private static string Remove(string yaml, string path)
    {
        var document = DefinitionDocument.Parse(yaml);
        Assert.True(document.Remove(PropertyPath.Parse(path)));
        return document.ToString();
    }

    [Fact]
    public void Setting_an_existing_value_keeps_comments_and_layout()
    {
        Assert.Equal(Commented.Replace("greeting: 'hello'", "greeting: bye"), Set(Commented, "greeting", "bye"));
    }

    [Fact]
    public void Setting_a_nested_value_keeps_comments_and_blank_lines()
    {
        Assert.Equal(Commented.Replace("deep: 1", "deep: 2"), Set(Commented, "nested.deep", "2"));
    }

    [Fact]
    public void A_new_key_goes_after_the_last_entry_of_its_object()
    {
        Assert.Equal(Commented.Replace("    other: two\n", "    other: two\n    added:\n      x: y\n"), Set(Commented, "nested.added.x", "y"));
    }

    [Fact]
    public void A_secret_is_written_as_a_block_under_its_key()
    {
        Assert.Equal(Commented.Replace("    - a\n", "    - a\n  pw:\n    fn::secret: \"s3cret\"\n"), Set(Commented, "pw", "s3cret", secret: true));
    }

    [Fact]
    public void Values_is_created_when_missing()
    {
        Assert.Equal("imports:\n  - a\nvalues:\n  x: 1\n", Set("imports:\n  - a\n", "x", "1"));
        Assert.Equal("values:\n  x: 1\n", Set("", "x", "1"));
    }

    [Fact]
    public void Removing_a_key_removes_its_lines_only()
    {
        Assert.Equal(Commented.Replace("    deep: 1   # deep comment\n", ""), Remove(Commented, "nested.deep"));
    }

    [Fact]
    public void Edits_the_splice_cannot_do_still_produce_the_right_definition()
    {
        var edited = Set(Commented, "list[1]", "b");

        Assert.Contains("- a\n  - b\n", edited);
        Assert.Contains("greeting: 'hello'", edited);
    }
}
