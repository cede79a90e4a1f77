using System.Diagnostics;

namespace Coffer.Server.Tests.Support;

/// <summary>
/// Where <c>initdb</c> and <c>pg_ctl</c> are: <c>COFFER_POSTGRES_BIN</c> when set, else the highest
/// version under <c>/usr/lib/postgresql/*/bin</c> (Debian and Ubuntu), else <c>pg_config --bindir</c>.
/// Looked up once per process.
/// </summary>
public static class PostgresBinaries
{
    /// <summary>Set to <c>1</c> (CI does) to make missing PostgreSQL a test failure instead of a skip.</summary>
    public const string RequireVariable = "COFFER_REQUIRE_POSTGRES";

    /// <summary>A directory holding <c>initdb</c> and <c>pg_ctl</c>, for installations the search does not find.</summary>
    public const string DirectoryVariable = "COFFER_POSTGRES_BIN";

    private static readonly Lazy<string?> Found = new(Locate);

    /// <summary>The directory holding <c>initdb</c> and <c>pg_ctl</c>, or null when PostgreSQL is not installed.</summary>
    public static string? Directory => Found.Value;

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public static string MissingMessage =>
        $"PostgreSQL IS MISSING: no initdb and pg_ctl in ${DirectoryVariable}, under /usr/lib/postgresql/*/bin or in "
        + $"`pg_config --bindir`. Install PostgreSQL (Debian: apt-get install postgresql) or point {DirectoryVariable} at its binaries.";

    /// <summary>Why PostgreSQL tests are skipped, or null when they must run (installed, or required).</summary>
    public static string? SkipReason => Directory is null && !Required
        ? $"{MissingMessage} These PostgreSQL tests DID NOT RUN; set {RequireVariable}=1 to make that a failure."
        : null;

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
        {
            return HasTools(configured) ? configured : null;
        }
        const string debianRoot = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debianRoot))
        {
            var newest = System.IO.Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: double.TryParse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => c.Version >= 0 && HasTools(c.Dir))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }
        var fromPgConfig = PgConfigBinDir();
        return fromPgConfig is not null && HasTools(fromPgConfig) ? fromPgConfig : null;
    }

    private static bool HasTools(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

    private static string? PgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not on PATH
        }
    }
}
