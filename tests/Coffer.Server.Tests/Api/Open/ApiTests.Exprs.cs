using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

// The esc CLI's `env get ENV PATH` walks the checked environment's expression tree to show where a
// value is defined, and fails with "no expr for path" when a defined path has no expression.
public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Checking_gives_the_expression_tree_of_every_value_with_its_ranges()
    {
        const string yaml = """
            values:
              region: eu-west-1
              ports: [80, 443]
              app:
                url: https://${region}.example.com
                zone: ${region}
              encoded:
                fn::toBase64: ${region}
            """;

        var exprs = (await Client.PostAsync(YamlPath("check"), Yaml(yaml)).JsonAsync())["exprs"]!;

        Assert.Equal("eu-west-1", (string)exprs["region"]!["literal"]!);
        Assert.Equal(2, (int)exprs["region"]!["range"]!["begin"]!["line"]!);
        Assert.Equal("<yaml>", (string)exprs["region"]!["range"]!["environment"]!);
        Assert.Equal(443, (int)exprs["ports"]!["list"]![1]!["literal"]!);
        var app = exprs["app"]!;
        Assert.Equal(5, (int)app["keyRanges"]!["url"]!["begin"]!["line"]!);
        Assert.Equal("https://", (string)app["object"]!["url"]!["interpolate"]![0]!["text"]!);
        Assert.Equal("region", (string)app["object"]!["url"]!["interpolate"]![0]!["value"]![0]!["key"]!);
        Assert.Equal("region", (string)app["object"]!["zone"]!["symbol"]![0]!["key"]!);
        var builtin = exprs["encoded"]!["builtin"]!;
        Assert.Equal("fn::toBase64", (string)builtin["name"]!);
        Assert.Equal("region", (string)builtin["arg"]!["symbol"]![0]!["key"]!);
    }

    [DatabaseFact]
    public async Task The_expression_tree_never_carries_a_secrets_plaintext()
    {
        const string yaml = "values:\n  password:\n    fn::secret: hunter2-in-the-tree\n  copy: ${password}\n";

        var checkedEnvironment = await Client.PostAsync(YamlPath("check"), Yaml(yaml)).JsonAsync();

        Assert.DoesNotContain("in-the-tree", checkedEnvironment.ToJsonString());
        Assert.Equal("fn::secret", (string)checkedEnvironment["exprs"]!["password"]!["builtin"]!["name"]!);
        Assert.NotNull(checkedEnvironment["exprs"]!["password"]!["builtin"]!["arg"]!["range"]);
    }
}
