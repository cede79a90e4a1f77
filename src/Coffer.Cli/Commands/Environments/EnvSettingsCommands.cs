using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env settings get|set</c>: an environment's settings (today: deletion-protected).</summary>
internal static class EnvSettingsCommands
{
    private const string DeletionProtected = "deletion-protected";

    public static readonly CommandHelp GroupHelp = new(
        "Show or change an environment's settings.",
        $"Settings: {DeletionProtected} (true or false) — a protected environment cannot be deleted.",
        [
            new("Protect an environment from deletion:", $"coffer env settings set payments/prod {DeletionProtected} true"),
            new("Show its settings:", "coffer env settings get payments/prod"),
        ]);

    public static readonly CommandHelp GetHelp = new(
        "Show an environment's settings, or one of them.",
        "Text output is one \"name value\" line per setting, or just the value for one setting.",
        [
            new("Show every setting:", "coffer env settings get payments/prod"),
            new("Show one setting:", $"coffer env settings get payments/prod {DeletionProtected}"),
            new("Show them as JSON:", "coffer env settings get payments/prod --format json"),
        ]);

    public static readonly CommandHelp SetHelp = new(
        "Change one of an environment's settings.",
        "Needs admin access to the environment. Prints the setting's new value.",
        [new("Turn deletion protection off:", $"coffer env settings set payments/prod {DeletionProtected} false")]);

    public static void Add(CommandTree tree, Command env)
    {
        var group = tree.AddGroup(env, "settings", GroupHelp);
        tree.Add(group, Get(), GetHelp);
        tree.Add(group, Set(), SetHelp);
    }

    private static Command Get()
    {
        var reference = EnvironmentArguments.Reference();
        var name = new Argument<string?>("name") { Description = $"One setting: {DeletionProtected}.", Arity = ArgumentArity.ZeroOrOne };
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("get", GetHelp.Summary) { reference, name, format };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var setting = parseResult.GetValue(name);
            if (setting is not null)
            {
                Validate(setting);
            }
            var resolved = await session.ResolveAsync(parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            var settings = await session.Client.GetSettingsAsync(resolved.Path, cancellationToken).ConfigureAwait(false);
            var output = parseResult.InvocationConfiguration.Output;
            if (json)
            {
                output.Write(ListFormat.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteBoolean(DeletionProtected, settings.DeletionProtected);
                    writer.WriteEndObject();
                }));
            }
            else
            {
                output.Write(setting is null ? $"{DeletionProtected} {Text(settings)}\n" : $"{Text(settings)}\n");
            }
            return 0;
        }));
        return command;
    }

    private static Command Set()
    {
        var reference = EnvironmentArguments.Reference();
        var name = new Argument<string>("name") { Description = $"The setting: {DeletionProtected}." };
        var value = new Argument<string>("value") { Description = "The new value: true or false." };
        var command = new Command("set", SetHelp.Summary) { reference, name, value };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            Validate(parseResult.GetValue(name)!);
            var text = parseResult.GetValue(value)!;
            var protect = text switch
            {
                "true" => true,
                "false" => false,
                _ => throw new CommandFailure($"invalid value \"{text}\" for {DeletionProtected}: expected true or false"),
            };
            var resolved = await session.ResolveAsync(parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            var settings = await session.Client.UpdateSettingsAsync(resolved.Path, protect, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"{DeletionProtected} {Text(settings)}\n");
            return 0;
        }));
        return command;
    }

    private static void Validate(string setting)
    {
        if (setting != DeletionProtected)
        {
            throw new CommandFailure($"unknown setting \"{setting}\": the settings are {DeletionProtected}");
        }
    }

    private static string Text(EnvironmentSettings settings) => settings.DeletionProtected ? "true" : "false";
}
