using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Commands.Environments;

namespace Coffer.Cli.Tests.CommandLine;

/// <summary><c>coffer env --env &lt;ref&gt; …</c>: where the environment goes, for every env command.</summary>
public sealed class EnvironmentFlagTests
{
    private static readonly RootCommand Root = CofferCommandLine.Build();

    private static string Rewrite(string commandLine) => string.Join(' ', EnvironmentFlag.Rewrite(Root, commandLine.Split(' ')));

    [Theory]
    [InlineData("env --env p/app set color red", "env set p/app color red")]
    [InlineData("env set --env p/app color red", "env set p/app color red")]
    [InlineData("env --env=p/app open color --format string", "env open p/app color --format string")]
    [InlineData("env --env p/app@stable version tag ls --utc", "env version tag ls p/app@stable --utc")]
    [InlineData("env --env p/app@stable version tag", "env version tag p/app@stable")]
    [InlineData("env --env p/app tag list", "env tag list p/app")]
    [InlineData("env --env p/app run -- printenv HOME", "env run p/app -- printenv HOME")]
    [InlineData("env --env p/app rotate db", "env rotate p/app db")]
    public void The_environment_goes_where_the_command_takes_its_first_argument(string written, string meant) =>
        Assert.Equal(meant, Rewrite(written));

    [Theory]
    [InlineData("env run --local envs --env app -- printenv HOME")]
    [InlineData("env run p/app -- tool --env x")]
    [InlineData("run --local envs --env app -- printenv HOME")]
    [InlineData("env get p/app")]
    [InlineData("eval --env app envs")]
    public void Other_uses_of_env_are_left_alone(string commandLine) =>
        Assert.Equal(commandLine, Rewrite(commandLine));

    [Fact]
    public void Every_env_command_takes_the_environment_as_its_first_argument()
    {
        var env = Root.Subcommands.Single(c => c.Name == "env");
        var commands = new List<Command>();
        void Walk(Command command)
        {
            commands.Add(command);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub);
            }
        }
        env.Subcommands.ToList().ForEach(Walk);

        // env ls lists environments and takes none.
        var actions = commands.Where(c => c.Arguments.Count > 0).ToList();
        Assert.True(actions.Count >= 23, $"only {actions.Count} env commands");
        Assert.All(actions, c => Assert.True(
            c.Arguments.FirstOrDefault()?.Name is "environment" or "environment@version" or "environment@tag" or "source",
            $"{c.Name}: first argument is {c.Arguments.FirstOrDefault()?.Name ?? "missing"}"));
    }

    [Fact]
    public void The_env_group_lists_the_flag_in_its_help() =>
        Assert.Contains(Root.Subcommands.Single(c => c.Name == "env").Options, o => o.Name == EnvironmentFlag.Name);
}
