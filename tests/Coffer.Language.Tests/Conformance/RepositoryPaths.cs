namespace Coffer.Language.Tests.Conformance;

/// <summary>Locates the repository and the conformance kit next to it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>$ESC_CONFORMANCE_DIR</c>, or the kit's <c>eval</c> folder beside the repository.</summary>
    public static string CasesDirectory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("ESC_CONFORMANCE_DIR");
            var dir = string.IsNullOrEmpty(configured) ? "../shared/conformance/eval" : configured;
            return Path.GetFullPath(dir, Root);
        }
    }

    /// <summary>Our own cases (fn::validate, limits), in the kit's format.</summary>
    public static string OwnCasesDirectory => Path.Combine(Root, "tests", "Coffer.Language.Tests", "Conformance", "cases");

    /// <summary>The kit's <c>test-providers.json</c>: beside the cases folder, or in the default kit.</summary>
    public static string TestProvidersFile
    {
        get
        {
            string[] candidates =
            [
                Path.Combine(CasesDirectory, "test-providers.json"),
                Path.Combine(CasesDirectory, "..", "test-providers.json"),
                Path.GetFullPath("../shared/conformance/test-providers.json", Root),
            ];
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException($"test-providers.json not found near {CasesDirectory}");
        }
    }

    private static string FindRoot()
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
