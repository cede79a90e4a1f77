namespace Coffer.Cli.CommandLine;

/// <summary>Asks the user to confirm a destructive action by typing a word (read from standard input, so scripts can answer too).</summary>
internal static class Confirmation
{
    public static void Require(TextWriter prompt, string warning, string word)
    {
        prompt.Write($"{warning}\nType {word} to confirm: ");
        var answer = Console.In.ReadLine();
        if (answer is null)
        {
            prompt.Write("\n");
        }
        if (answer?.Trim() != word)
        {
            throw new CommandFailure("confirmation declined: nothing was deleted (pass --yes to skip the question)");
        }
    }
}
