using Coffer.Language.Values;

namespace Coffer.Language.Tests.Values;

public sealed class RenderingTests
{
    private static readonly EscValue Sample = EscValue.FromObject(
        ("name", EscValue.FromString("app")),
        ("password", EscValue.FromString("hunter2", secret: true)),
        ("pending", EscValue.Unknown),
        ("secretPending", EscValue.Unknown.WithSecret()),
        ("ports", EscValue.FromArray([EscValue.FromNumber(80), EscValue.FromNumberText("1e+06")])));

    [Fact]
    public void Redacted_json_hides_secrets_and_marks_unknowns() =>
        Assert.Equal(
            """{"name":"app","password":"[secret]","pending":"[unknown]","ports":[80,1e+06],"secretPending":"[secret]"}""",
            Sample.ToJson());

    [Fact]
    public void Revealed_json_shows_secrets() =>
        Assert.Equal(
            """{"name":"app","password":"hunter2","pending":"[unknown]","ports":[80,1e+06],"secretPending":"[unknown]"}""",
            Sample.ToJson(reveal: true));

    [Fact]
    public void A_secret_container_is_redacted_as_a_whole() =>
        Assert.Equal("\"[secret]\"", EscValue.FromObject(("a", EscValue.FromString("x"))).WithSecret().ToJson());

    [Fact]
    public void Numbers_that_json_cannot_hold_are_written_as_strings() =>
        Assert.Equal("[\"NaN\",\"+Inf\"]", EscValue.FromArray([EscValue.FromNumberText("NaN"), EscValue.FromNumberText("+Inf")]).ToJson());

    [Fact]
    public void The_string_form_quotes_elements_like_go() =>
        Assert.Equal(
            "\"a\"=\"b\",\"list\"=\"\\\"1\\\",\\\"x\\\\ty\\\"\"",
            ValueText.ToText(EscValue.FromObject(("a", EscValue.FromString("b")), ("list", EscValue.FromArray([EscValue.FromNumber(1), EscValue.FromString("x\ty")]))), ValueRendering.Revealed));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("quote\"back\\", "\"quote\\\"back\\\\\"")]
    [InlineData("bell\a", "\"bell\\a\"")]
    [InlineData("nul\0", "\"nul\\x00\"")]
    [InlineData("zero\u200bwidth", "\"zero\\u200bwidth\"")]
    [InlineData("héllo ✓", "\"héllo ✓\"")]
    public void Go_quoting_escapes_what_is_not_printable(string text, string quoted) =>
        Assert.Equal(quoted, ValueText.Quote(text));

    [Fact]
    public async Task Yaml_rendering_reads_back_as_the_same_data()
    {
        var value = EscValue.FromObject(
            ("list", EscValue.FromArray([EscValue.FromString("a"), EscValue.FromObject(("k", EscValue.FromString("yes"))), EscValue.FromArray([])])),
            ("number-like", EscValue.FromString("42")),
            ("multi", EscValue.FromString("line one\nline two: x")),
            ("empty", EscValue.EmptyObject));
        var yaml = ValueText.ToYaml(value, ValueRendering.Revealed);
        var roundTrip = Declarations.EnvironmentDefinition.Parse("t", "values:\n" + string.Join("\n", yaml.TrimEnd('\n').Split('\n').Select(l => "  " + l)) + "\n");
        Assert.False(roundTrip.HasErrors, string.Join("; ", roundTrip.Diagnostics));
        var evaluated = await new EnvironmentEvaluator().EvaluateAsync(roundTrip);
        Assert.Equal(value.ToJson(reveal: true), evaluated.Value!.ToJson(reveal: true));
    }
}
