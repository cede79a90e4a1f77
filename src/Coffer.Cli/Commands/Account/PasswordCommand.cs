using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;

namespace Coffer.Cli.Commands.Account;

/// <summary><c>coffer password</c>: sets or changes your own password.</summary>
internal sealed class PasswordCommand
{
    public static readonly CommandHelp Help = new(
        "Set or change your password, for signing in with coffer login --user.",
        """
        Asks for your current password (leave it empty if you have none yet) and the new one, at
        prompts that do not echo; from a pipe, the first line is the current password (empty if
        none) and the second the new one. A password has at least 12 characters. Your other
        sign-in sessions end; access tokens you created stay valid.
        """,
        [
            new("Change your password:", "coffer password"),
            new("Set your first password from a script:", "printf '\\n%s\\n' \"$NEW_PASSWORD\" | coffer password"),
        ]);

    public PasswordCommand()
    {
        Command = new Command("password", Help.Summary);
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private static async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var prompt = parseResult.InvocationConfiguration.Error;
        var current = SecretInput.Read(prompt, "current password (empty if you have none)");
        var password = SecretInput.ReadNew(prompt, "new password");
        await session.Client.ChangePasswordAsync(current.Length == 0 ? null : current, password, cancellationToken).ConfigureAwait(false);
        parseResult.InvocationConfiguration.Output.Write("Password changed.\n");
        return 0;
    }
}
