using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Run;

public sealed class RunMaskTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public RunMaskTests() => _folder.Write("app.yaml", """
        values:
          token:
            fn::secret: tok-123
          tokenSuffix:
            fn::secret: "123"
          short:
            fn::secret: ab
          key:
            fn::secret: |
              -----BEGIN KEY-----
              c2VjcmV0LWtleQ==
              -----END KEY-----
          environmentVariables:
            TOKEN: ${token}
            SHORT: ${short}
            PLAIN: visible
          files:
            KEY_FILE: ${key}
        """);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_mask_replaces_secrets_on_stdout_and_stderr()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "run", "--local", "app.yaml", "--mask", "--", "sh", "-c",
            "echo \"token=$TOKEN plain=$PLAIN\"; echo \"again $TOKEN$TOKEN\" >&2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("token=[secret] plain=visible\n", result.Stdout);
        Assert.Equal("again [secret][secret]\n", result.Stderr);
    }

    [Fact]
    public async Task Run_mask_replaces_longer_secrets_first()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "run", "--local", "app.yaml", "--mask", "--", "echo", "tok-123 and 123");

        Assert.Equal("[secret] and [secret]\n", result.Stdout);
    }

    [Fact]
    public async Task Run_mask_leaves_secrets_shorter_than_three_characters()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "run", "--local", "app.yaml", "--mask", "--", "sh", "-c", "echo \"$SHORT\"");

        Assert.Equal("ab\n", result.Stdout);
    }

    [Fact]
    public async Task Run_mask_hides_each_line_of_a_secret_file()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "run", "--local", "app.yaml", "--mask", "--", "sh", "-c", "cat \"$KEY_FILE\"");

        Assert.Equal("[secret]\n[secret]\n[secret]\n", result.Stdout);
    }

    [Fact]
    public async Task Run_mask_keeps_output_without_a_final_newline_and_the_exit_code()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "run", "--local", "app.yaml", "--mask", "--", "sh", "-c", "printf 'last %s' \"$TOKEN\"; exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("last [secret]", result.Stdout);
    }
}
