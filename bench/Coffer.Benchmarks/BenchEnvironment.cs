using Coffer.Language;
using Coffer.Language.Tests.Conformance;
using Coffer.Language.Values;

namespace Coffer.Benchmarks;

/// <summary>
/// The conformance kit's benchmark environment: <c>env.yaml</c> imports the 26 environments
/// <c>a</c>…<c>z</c>, each holding one ciphertext secret, and opens the <c>bench</c> provider ten times.
/// </summary>
internal static class BenchEnvironment
{
    public const string RootName = "bench";

    public const string Plaintext = "hunter2";

    public static readonly EscValue Context = EscValue.ParseJson("""{"pulumi": {"user": {"id": "USER_123"}}}""");

    public static IReadOnlyList<string> ImportNames { get; } = [.. Enumerable.Range('a', 26).Select(c => ((char)c).ToString())];

    /// <summary>The kit's <c>bench</c> folder, beside its <c>eval</c> folder (see <see cref="RepositoryPaths.CasesDirectory"/>).</summary>
    public static string Directory
    {
        get
        {
            var directory = Path.GetFullPath(Path.Combine(RepositoryPaths.CasesDirectory, "..", "bench"));
            return File.Exists(Path.Combine(directory, "env.yaml"))
                ? directory
                : throw new DirectoryNotFoundException($"the conformance kit's bench/env.yaml was not found in {directory}; set ESC_CONFORMANCE_DIR to the kit's eval folder");
        }
    }

    public static byte[] ReadRoot() => File.ReadAllBytes(Path.Combine(Directory, "env.yaml"));

    /// <summary>The root and its 26 imports, as the loader would return them.</summary>
    public static IReadOnlyList<(string Name, byte[] Yaml)> ReadAll() =>
        [(RootName, ReadRoot()), .. ImportNames.Select(n => (n, File.ReadAllBytes(Path.Combine(Directory, n + ".yaml"))))];

    /// <summary>
    /// Throws unless <paramref name="result"/> is the kit's expected outcome: no diagnostics,
    /// <c>delays</c> ten copies of the provider delay, and every imported secret revealed.
    /// </summary>
    public static void Verify(EvaluationResult result, TimeSpan openDelay)
    {
        var problems = new List<string>();
        problems.AddRange(result.Diagnostics.Select(d => "diagnostic: " + d));
        var value = result.Value;
        if (value is null)
        {
            problems.Add("the evaluation produced no value");
        }
        else
        {
            var expectedDelay = TestProviders.GoDuration(openDelay);
            var delays = value["delays"]?.Items ?? [];
            if (delays.Count != 10 || delays.Any(d => d.Kind != EscValueKind.String || d.AsString != expectedDelay))
            {
                problems.Add($"delays should be ten copies of \"{expectedDelay}\" but is {value["delays"]?.ToJson(reveal: true) ?? "missing"}");
            }
            foreach (var name in ImportNames)
            {
                var key = "env_" + name;
                CheckSecret(problems, $"{key}.token", value[key]?["token"]);
                CheckSecret(problems, $"environmentVariables.{key}", value["environmentVariables"]?[key]);
                CheckSecret(problems, $"pulumiConfig[\"{key}::token\"]", value["pulumiConfig"]?[key + "::token"]);
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("the bench environment evaluated incorrectly:\n  " + string.Join("\n  ", problems));
        }
    }

    private static void CheckSecret(List<string> problems, string path, EscValue? value)
    {
        if (value is not { Kind: EscValueKind.String, IsSecret: true, IsUnknown: false } || value.AsString != Plaintext)
        {
            problems.Add($"{path} should be the secret \"{Plaintext}\" but is {value?.ToJson(reveal: true) ?? "missing"}");
        }
    }
}
