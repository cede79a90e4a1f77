using System.Text.RegularExpressions;

namespace Coffer.Providers.Tests.Documentation;

/// <summary>The fenced examples of docs/providers.md with a given info string (<c>```yaml azure-example</c>).</summary>
internal static class GuideExamples
{
    public static List<string> Read(string tag)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "providers.md"));
        return Regex.Matches(text, $@"^```yaml {Regex.Escape(tag)}\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coffer.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Coffer.slnx not found above " + AppContext.BaseDirectory);
    }
}
