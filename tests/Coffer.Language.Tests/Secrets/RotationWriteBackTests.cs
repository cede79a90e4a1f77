using Coffer.Language.Declarations;
using Coffer.Language.Secrets;
using Coffer.Language.Tests.Support;
using Coffer.Language.Values;

namespace Coffer.Language.Tests.Secrets;

public sealed class RotationWriteBackTests
{
    private static readonly EscValue NewState = EscValue.FromObject(
        ("current", EscValue.FromString("new \"pw\"", secret: true)),
        ("previous", EscValue.FromString("old", secret: true)));

    private const string SecretState = """{"current": {"fn::secret": "new \"pw\""}, "previous": {"fn::secret": "old"}}""";

    [Fact]
    public void Rotator_paths_are_relative_to_values_in_document_order()
    {
        var paths = RotationWriteBack.RotatorPaths("""
            imports: [base]
            values:
              db:
                main: {fn::rotate::password: {inputs: {}}}
              keys:
                - fn::rotate::passphrase: {inputs: {}}
              "odd key":
                fn::rotate:
                  provider: password
                  inputs: {}
              plain: 1
            """);

        Assert.Equal(["db.main", "keys[0]", "[\"odd key\"]"], paths);
    }

    [Theory]
    [InlineData("")]
    [InlineData("values: [unclosed")]
    [InlineData("other:\n  x: {fn::rotate::password: {inputs: {}}}\n")]
    public void A_document_without_rotators_under_values_has_none(string yaml) =>
        Assert.Empty(RotationWriteBack.RotatorPaths(yaml));

    [Fact]
    public void A_block_call_without_state_gets_one_before_its_inputs_keeping_comments()
    {
        var yaml = "values:\n  # keep me\n  pw:\n    fn::rotate::password:\n      inputs:\n        length: 20\n  after: 1\n";

        var written = RotationWriteBack.Apply(yaml, [new RotationPatch("values.pw[\"fn::rotate::password\"].state", NewState)]);

        Assert.Equal($"values:\n  # keep me\n  pw:\n    fn::rotate::password:\n      state: {SecretState}\n      inputs:\n        length: 20\n  after: 1\n", written);
    }

    [Fact]
    public void A_block_state_is_replaced_whole()
    {
        var yaml = "values:\n  pw:\n    fn::rotate::password:\n      inputs: {}\n      state:\n        current:\n          fn::secret: {ciphertext: abc}\n  after: 1\n";

        var written = RotationWriteBack.Apply(yaml, [new RotationPatch("values.pw[\"fn::rotate::password\"].state", NewState)]);

        Assert.Equal($"values:\n  pw:\n    fn::rotate::password:\n      inputs: {{}}\n      state: {SecretState}\n  after: 1\n", written);
    }

    [Theory]
    [InlineData("values:\n  pw: {fn::rotate::password: {inputs: {}}}\n", "values:\n  pw: {fn::rotate::password: {state: STATE, inputs: {}}}\n")]
    [InlineData("values:\n  pw: {fn::rotate::password: {}}\n", "values:\n  pw: {fn::rotate::password: {state: STATE}}\n")]
    [InlineData("values:\n  pw: {fn::rotate::password: {inputs: {}, state: {current: x}}}\n", "values:\n  pw: {fn::rotate::password: {inputs: {}, state: STATE}}\n")]
    public void Flow_calls_get_their_state_in_flow_style(string yaml, string expected)
    {
        var written = RotationWriteBack.Apply(yaml, [new RotationPatch("values.pw[\"fn::rotate::password\"].state", NewState)]);

        Assert.Equal(expected.Replace("STATE", SecretState, StringComparison.Ordinal), written);
    }

    [Fact]
    public void Written_state_reads_back_as_the_same_value_with_its_secrets()
    {
        var yaml = "values:\n  a:\n    - fn::rotate::passphrase:\n        inputs: {}\n  b:\n    fn::rotate::password:\n      inputs: {}\n";
        var patches = new[]
        {
            new RotationPatch("values.a[0][\"fn::rotate::passphrase\"].state", NewState),
            new RotationPatch("values.b[\"fn::rotate::password\"].state", EscValue.FromObject(("current", EscValue.FromString("line\nbreak: #x", secret: true)))),
        };

        var written = RotationWriteBack.Apply(yaml, patches);

        var definition = EnvironmentDefinition.Parse("p/e", written);
        Assert.Empty(definition.Diagnostics);
        Assert.Contains("{\"current\": {\"fn::secret\": \"line\\nbreak: #x\"}}", written, StringComparison.Ordinal);
        Assert.Equal(["a[0]", "b"], RotationWriteBack.RotatorPaths(written));
    }

    [Fact]
    public void A_patch_for_a_call_that_is_not_there_is_refused()
    {
        Assert.Throws<FormatException>(() => RotationWriteBack.Apply("values:\n  a: 1\n", [new RotationPatch("values.a[\"fn::rotate::password\"].state", NewState)]));
        Assert.Throws<FormatException>(() => RotationWriteBack.Apply("values:\n  a: 1\n", [new RotationPatch("values.a", NewState)]));
    }

    [Fact]
    public async Task Generated_text_that_looks_like_interpolation_is_written_escaped_and_reads_back_unchanged()
    {
        // Password rotators draw from !@#$%&*()-_=+[]{}<>:? and so can produce "${" or "$$".
        var generated = "a${b}c$$d$";
        var state = EscValue.FromObject(("current", EscValue.FromString(generated, secret: true)), ("previous", EscValue.FromString("${x}", secret: true)));
        var yaml = "values:\n  pw:\n    fn::rotate::password: {inputs: {}}\n";

        var written = RotationWriteBack.Apply(yaml, [new RotationPatch("values.pw[\"fn::rotate::password\"].state", state)]);

        Assert.Empty(EnvironmentDefinition.Parse("test", written).Diagnostics);
        Assert.Contains("\"a$${b}c$$$$d$$\"", written, StringComparison.Ordinal);
        Assert.Contains("\"$${x}\"", written, StringComparison.Ordinal);
        // ...which is how a definition spells the generated text.
        var (value, diagnostics) = await Evaluate.Yaml("values:\n  current: \"a$${b}c$$$$d$$\"\n");
        Assert.Empty(diagnostics);
        Assert.Equal("{\"current\":\"" + generated + "\"}", Evaluate.Json(value));
    }
}
