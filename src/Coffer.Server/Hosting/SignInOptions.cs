using System.CommandLine;
using System.Globalization;
using System.Net;
using Coffer.Server.Environments;

namespace Coffer.Server.Hosting;

/// <summary>
/// The command-line options of signing in and of the limit on failed authentication. Values from
/// the environment variables are checked like those on the command line, so a bad one is a usage
/// error naming it.
/// </summary>
internal static class SignInOptions
{
    public static Option<string> FailureLimit() => Checked(
        "--auth-failure-limit", "COFFER_AUTH_FAILURE_LIMIT", "10", "count",
        "Failed sign-ins and invalid tokens one client address may make in a burst before it gets 429; 0 turns the limit off",
        text => ParseLimit(text) is not null, "a whole number from 0 to 1000000");

    public static Option<string> FailureWindow() => Checked(
        "--auth-failure-window", "COFFER_AUTH_FAILURE_WINDOW", "1m", "duration",
        "The time in which an address's allowance of failures refills completely",
        text => ParseDuration(text, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)) is not null, "a duration from 1s to 24h, such as 1m");

    public static Option<string> SessionLifetime() => Checked(
        "--session-lifetime", "COFFER_SESSION_LIFETIME", "8h", "duration",
        "How long a token from signing in with a password lives",
        text => ParseDuration(text, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7)) is not null, "a duration from 1m to 168h, such as 8h");

    public static Option<string> TrustedProxies() => Checked(
        "--trusted-proxies", "COFFER_TRUSTED_PROXIES", "", "addresses",
        "Reverse proxies (IP addresses, separated by ',') whose X-Forwarded-For names the client",
        text => ParseProxies(text) is not null, "IP addresses separated by ',', such as 10.0.0.5,10.0.0.6");

    public static int? ParseLimit(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit <= 1_000_000 ? limit : null;

    public static TimeSpan? ParseDuration(string text, TimeSpan min, TimeSpan max) =>
        GoDuration.TryParse(text, out var duration) && duration >= min && duration <= max ? duration : null;

    public static IReadOnlyList<IPAddress>? ParseProxies(string text)
    {
        var proxies = new List<IPAddress>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPAddress.TryParse(part, out var address))
            {
                return null;
            }
            proxies.Add(address);
        }
        return proxies;
    }

    private static Option<string> Checked(string name, string variable, string fallback, string helpName, string description, Func<string, bool> valid, string expected)
    {
        var option = new Option<string>(name)
        {
            Description = $"{description} [{variable}] (default {(fallback.Length == 0 ? "none" : fallback)})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text ? text : fallback,
            HelpName = helpName,
        };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!valid(text))
            {
                result.AddError($"{name} (or {variable}) \"{text}\" must be {expected}");
            }
        });
        return option;
    }
}
