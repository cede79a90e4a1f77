using Coffer.Language.Declarations;
using Coffer.Language.Tests.Support;
using Coffer.Language.Values;

namespace Coffer.Language.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public async Task An_empty_definition_evaluates_to_nothing()
    {
        var (value, diagnostics) = await Evaluate.Yaml("");
        Assert.Null(value);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task The_host_cannot_supply_the_environment_names_of_the_context()
    {
        var evaluator = new EnvironmentEvaluator();
        var definition = EnvironmentDefinition.Parse("x", "values:\n  a: 1\n");
        var context = EscValue.FromObject(("currentEnvironment", EscValue.FromString("spoofed")));
        await Assert.ThrowsAsync<ArgumentException>(() => evaluator.EvaluateAsync(definition, new() { Context = context }));
    }

    [Fact]
    public async Task The_context_names_the_current_and_root_environments()
    {
        var environments = new MemoryEnvironments().Add("base", "values:\n  seenByBase: ${context.currentEnvironment.name}/${context.rootEnvironment.name}/${context.user}\n");
        var definition = EnvironmentDefinition.Parse("app", "imports: [base]\nvalues:\n  seenByApp: ${context.currentEnvironment.name}/${context.rootEnvironment.name}\n");
        var result = await new EnvironmentEvaluator(loader: environments).EvaluateAsync(definition, new() { Context = EscValue.FromObject(("user", EscValue.FromString("jane"))) });
        Assert.Equal("""{"seenByApp":"app/app","seenByBase":"base/app/jane"}""", result.Value!.ToJson());
    }

    [Fact]
    public async Task Secrets_spread_to_everything_derived_from_them()
    {
        var (value, _) = await Evaluate.Yaml("""
            values:
              password: {fn::secret: s3cr3t}
              dsn: postgres://app:${password}@db/app
              conf: {user: app, password: "${password}"}
              encoded: {fn::toBase64: "${password}"}
              list: {fn::concat: [[a], ["${password}"]]}
              frozen: {fn::final: {a: 1, b: "${password}"}}
            """);
        Assert.Equal("""{"conf":{"password":"[secret]","user":"app"},"dsn":"[secret]","encoded":"[secret]","frozen":"[secret]","list":"[secret]","password":"[secret]"}""", value!.ToJson());
        Assert.Equal("czNjcjN0", value["encoded"]!.AsString);
    }

    [Fact]
    public async Task A_final_value_cannot_be_overridden_by_an_importer()
    {
        var environments = new MemoryEnvironments().Add("base", "values:\n  region: {fn::final: us-east-1}\n");
        var (value, diagnostics) = await Evaluate.Yaml("imports: [base]\nvalues:\n  region: eu-west-1\n", loader: environments);
        Assert.Equal("us-east-1", value!["region"]!.AsString);
        var warning = Assert.Single(diagnostics);
        Assert.Equal("cannot override final value", warning.Summary);
        Assert.False(warning.IsError);
    }

    [Fact]
    public async Task Unknown_providers_and_missing_imports_are_diagnostics_and_the_rest_evaluates()
    {
        var (value, diagnostics) = await Evaluate.Yaml("imports: [missing]\nvalues:\n  a: {fn::open::nope: {}}\n  b: ok\n", loader: new MemoryEnvironments());
        Assert.Equal("ok", value!["b"]!.AsString);
        Assert.True(value["a"]!.IsUnknown);
        Assert.Equal(["environment missing not found", "unknown provider \"nope\""], diagnostics.Select(d => d.Summary));
    }

    [Fact]
    public async Task Check_mode_does_not_call_providers_but_types_their_results()
    {
        var (value, diagnostics) = await Evaluate.Yaml(
            "values:\n  creds: {fn::open::schema: {string: x}}\n  bad: ${creds.string.nested}\n",
            EvaluationMode.Check,
            providers: Conformance.TestProviders.Create());
        Assert.True(value!["creds"]!.IsUnknown);
        Assert.Equal("receiver must be an array or an object", Assert.Single(diagnostics).Summary);
    }

    [Fact]
    public void A_definition_lists_the_environments_it_depends_on()
    {
        var definition = EnvironmentDefinition.Parse("x", """
            imports: [base, team/app@stable]
            values:
              a: ${environments.shared.tools.registry}
              b: {fn::toBase64: "x-${environments.shared.tools.token}-${environments.other.env}"}
              c: ["${environments.short}"]
            """);
        Assert.Equal(["base", "team/app@stable", "shared/tools", "other/env"], definition.ReferencedEnvironments);
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_document_is_ignored()
    {
        var (value, diagnostics) = await Evaluate.Yaml("\uFEFFvalues:\n  a: 1\n");
        Assert.Empty(diagnostics);
        Assert.Equal("{\"a\":1}", value!.ToJson());
    }

    [Fact]
    public async Task A_property_a_closed_schema_does_not_allow_is_named_in_an_error()
    {
        var (_, diagnostics) = await Evaluate.Yaml("""
            values:
              checked:
                fn::validate:
                  schema: {type: object, properties: {region: {type: string}}, additionalProperties: false}
                  value: {region: eu-west-1, extra: 1}
            """);
        var error = Assert.Single(diagnostics);
        Assert.Equal("unknown property \"extra\"", error.Summary);
        Assert.Equal("values.checked[\"fn::validate\"].value.extra", error.Path);
    }

    [Fact]
    public async Task A_value_where_the_schema_allows_none_is_an_error()
    {
        var (_, diagnostics) = await Evaluate.Yaml("""
            values:
              checked:
                fn::validate:
                  schema: false
                  value: anything
            """);
        Assert.Equal("no value is allowed here", Assert.Single(diagnostics).Summary);
    }
}
