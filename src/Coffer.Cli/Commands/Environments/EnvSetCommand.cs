using System.CommandLine;
using System.Text.RegularExpressions;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Definitions;
using Coffer.Cli.Remote;
using Coffer.Language.Syntax;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env set</c>: sets one value of an environment's definition.</summary>
internal sealed partial class EnvSetCommand
{
    public static readonly CommandHelp Help = new(
        "Set a value in an environment's definition.",
        """
        The path is under "values" (objects on the way are created), or under "imports" when it
        starts with imports. The value is read as YAML (so 8080 is a number and [a, b] a list)
        unless --string is given. --secret stores it as fn::secret, encrypted by the server. A
        value whose key looks like a password or token must be marked --secret or --plaintext.
        The change is refused if someone else changed the environment meanwhile.
        """,
        [
            new("Set a value:", "coffer env set payments/prod database.host db.internal"),
            new("Store a secret (encrypted by the server):", "coffer env set payments/prod database.password 'correct horse' --secret"),
            new("Store a text that would otherwise read as a number:", "coffer env set payments/prod build.version 1.10 --string"),
            new("Add an import:", "coffer env set payments/prod 'imports[0]' shared/database"),
        ]);

    private readonly Argument<string> _reference = EnvironmentArguments.Reference();

    private readonly Argument<string> _path = new("path")
    {
        Description = "Where to set the value: a property path under values, such as database.host or hosts[0], or imports[N].",
    };

    private readonly Argument<string> _value = new("value")
    {
        Description = "The value, read as YAML unless --string.",
    };

    private readonly Option<bool> _secret = new("--secret")
    {
        Description = "Store the value as a secret (fn::secret), encrypted by the server.",
        Arity = ArgumentArity.Zero,
    };

    private readonly Option<bool> _plaintext = new("--plaintext")
    {
        Description = "Store a value that looks like a secret as plain text anyway.",
        Arity = ArgumentArity.Zero,
    };

    private readonly Option<bool> _string = new("--string")
    {
        Description = "Store the value as text, without reading it as YAML.",
        Arity = ArgumentArity.Zero,
    };

    public EnvSetCommand()
    {
        Command = new Command("set", Help.Summary) { _reference, _path, _value, _secret, _plaintext, _string };
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var pathText = parseResult.GetValue(_path)!;
        var path = PropertyPath.TryParse(pathText, out var parsed, out var syntaxError) ? parsed : throw new CommandFailure(syntaxError);
        var secret = parseResult.GetValue(_secret);
        if (secret && parseResult.GetValue(_plaintext))
        {
            throw new CommandFailure("--secret and --plaintext contradict each other: choose one");
        }
        var text = parseResult.GetValue(_value)!;
        var value = DefinitionDocument.ParseValue(text, parseResult.GetValue(_string));
        if (secret)
        {
            value = DefinitionDocument.Secret(value);
        }
        else if (!parseResult.GetValue(_plaintext) && path.Segments[^1] is string key && SecretLikeKey().IsMatch(key) && text.Length >= 8)
        {
            throw new CommandFailure($"{pathText} looks like a secret: pass --secret to store it encrypted, or --plaintext to store it as plain text");
        }

        var reference = await session.ResolveAsync(parseResult.GetValue(_reference)!, cancellationToken).ConfigureAwait(false);
        EnvironmentReference.RejectVersion(reference, "coffer env set");
        await DefinitionEdit.ApplyAsync(session, reference, parseResult.InvocationConfiguration.Error, document => document.Set(path, value), cancellationToken).ConfigureAwait(false);
        return 0;
    }

    [GeneratedRegex("pass|pwd|secret|token|private.?key|api.?key", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeKey();
}
