using System.Diagnostics;
using Coffer.Language.Projection;
using Coffer.Language.Values;

namespace Coffer.Language.Tests.Values;

public sealed class ProjectionTests
{
    private static readonly string[] Awkward = ["plain", "with space", "quote \" and ' apostrophe", "dollar $HOME and `date`", "back\\slash", "two\nlines", "trailing newline\n", "tab\tand unicode ✓", ""];

    private static EscValue Environment() => EscValue.FromObject(
        ("environmentVariables", EscValue.FromObject(Awkward.Select((v, i) => ($"VAR_{i}", EscValue.FromString(v))).Append(
            ("SECRET", EscValue.FromString("s3cr3t", secret: true))).Append(
            ("NUMBER", EscValue.FromNumber(5))).Append(
            ("FLAG", EscValue.True)).Append(
            ("NOTHING", EscValue.Null)).Append(
            ("LIST", EscValue.FromArray([EscValue.FromString("skipped")]))).ToArray())),
        ("files", EscValue.FromObject(("CONFIG", EscValue.FromString("key: value\n")))));

    [Fact]
    public void Scalars_become_variables_and_files_follow_them()
    {
        var variables = EnvironmentProjection.Project(Environment());
        Assert.DoesNotContain(variables, v => v.Name == "LIST");
        Assert.Equal("5", variables.Single(v => v.Name == "NUMBER").Value);
        Assert.Equal("true", variables.Single(v => v.Name == "FLAG").Value);
        Assert.Equal("", variables.Single(v => v.Name == "NOTHING").Value);
        Assert.True(variables.Single(v => v.Name == "SECRET").IsSecret);
        Assert.Equal("CONFIG", variables[^1].Name);
        Assert.True(variables[^1].IsFile);
    }

    [Fact]
    public void Redacted_dotenv_hides_secrets()
    {
        var dotenv = EnvironmentProjection.ToDotenv(EnvironmentProjection.Project(Environment()), ValueRendering.Redacted, new Dictionary<string, string> { ["CONFIG"] = "/tmp/x" });
        Assert.Contains("SECRET=\"[secret]\"\n", dotenv, StringComparison.Ordinal);
        Assert.Contains("CONFIG=\"/tmp/x\"\n", dotenv, StringComparison.Ordinal);
        Assert.Contains("VAR_5=\"two\\nlines\"\n", dotenv, StringComparison.Ordinal);
    }

    [Fact]
    public void Shell_output_evaluated_by_sh_gives_back_every_value_unchanged()
    {
        var variables = EnvironmentProjection.Project(Environment()).Where(v => !v.IsFile).ToList();
        var script = EnvironmentProjection.ToShell(variables, ValueRendering.Revealed)
            + string.Concat(variables.Select(v => $"printf '%s\\0' \"${v.Name}\"\n"));
        var output = RunShell(script);
        Assert.Equal(variables.Select(v => v.Value), output.Split('\0')[..^1]);
    }

    private static string RunShell(string script)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    [Fact]
    public void Names_that_a_shell_would_run_as_commands_are_left_out()
    {
        var environment = EscValue.FromObject(("environmentVariables", EscValue.FromObject(
            ("GOOD_1", EscValue.FromString("x")),
            ("A;touch pwned;B", EscValue.FromString("y")),
            ("1BAD", EscValue.FromString("z")))));
        var variables = EnvironmentProjection.Project(environment);
        Assert.Equal(3, variables.Count);
        Assert.Equal("export GOOD_1='x'\n", EnvironmentProjection.ToShell(variables, ValueRendering.Revealed));
        Assert.Equal("GOOD_1=\"x\"\n", EnvironmentProjection.ToDotenv(variables, ValueRendering.Revealed));
    }
}
