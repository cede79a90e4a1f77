using System.Diagnostics;

namespace Coffer.Cli.Tests.Support;

/// <summary>Runs the built coffer command as a child process, as a user would.</summary>
public static class CofferCli
{
    // A safety net against hangs, generous because the guide runs all of its examples in one shell.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    /// <summary>The dotnet host running these tests, which also runs coffer.dll.</summary>
    public static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "coffer.dll");

    /// <summary>Runs <c>coffer args…</c> in <paramref name="workingDirectory"/> and waits for it.</summary>
    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Runs <c>coffer args…</c> with extra environment variables (null removes one).</summary>
    public static Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunWithInputAsync(workingDirectory, environment, "", args);

    /// <summary>Runs <c>coffer args…</c> with <paramref name="input"/> on its standard input.</summary>
    public static Task<CliResult> RunWithInputAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string input, params string[] args)
    {
        var info = StartInfo(workingDirectory, environment, [Assembly, .. args]);
        info.FileName = DotnetHost;
        return RunProcessAsync(info, input);
    }

    /// <summary>Runs any program (a shell, typically) with coffer on its PATH.</summary>
    public static Task<CliResult> RunWithCofferOnPathAsync(string workingDirectory, string program, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = StartInfo(workingDirectory, environment, args);
        info.FileName = program;
        info.Environment["PATH"] = BinFolder.Value + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        return RunProcessAsync(info);
    }

    /// <summary>Starts <c>coffer args…</c> without waiting; the caller reads its output and ends it.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = StartInfo(workingDirectory, environment, [Assembly, .. args]);
        info.FileName = DotnetHost;
        return Process.Start(info)!;
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        return info;
    }

    private static async Task<CliResult> RunProcessAsync(ProcessStartInfo info, string input = "")
    {
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish within {Timeout}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    // A "coffer" command for shells, so tests and documented examples can use it as users do.
    private static readonly Lazy<string> BinFolder = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "coffer-bin");
        Directory.CreateDirectory(folder);
        var script = Path.Combine(folder, "coffer");
        File.WriteAllText(script, $"#!/bin/sh\nexec '{DotnetHost}' '{Assembly}' \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    });
}
