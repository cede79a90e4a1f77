using Coffer.Cli.Tests.Remote;

namespace Coffer.Cli.Tests.Integrations;

/// <summary>The environment the integration tests open: values that quoting mistakes would change.</summary>
public static class IntegrationEnvironment
{
    public const string Definition = """
        values:
          password:
            fn::secret: hunter22
          environmentVariables:
            APP_PASSWORD: ${password}
            QUOTED: "  spaces, \"double\" and 'single' quotes, $HOME, `date` and a=b #no comment  "
            PORT: 8080
            EMPTY: ""

        """;

    /// <summary>What a program must get for <see cref="Definition"/>'s variables.</summary>
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["APP_PASSWORD"] = "hunter22",
        ["QUOTED"] = "  spaces, \"double\" and 'single' quotes, $HOME, `date` and a=b #no comment  ",
        ["PORT"] = "8080",
        ["EMPTY"] = "",
    };

    /// <summary>Stores <paramref name="definition"/> as <c>PROJECT/app</c> on the server and returns that name.</summary>
    public static async Task<string> CreateAsync(RemoteUser user, string definition = Definition)
    {
        var name = $"{RemoteUser.UniqueProject("integrations")}/app";
        user.Write("app.yaml", definition);
        var result = await user.RunAsync("env", "init", name, "--file", "app.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
        return name;
    }
}
