using System.CommandLine;
using Coffer.Server.Environments;

namespace Coffer.Server.Oidc;

/// <summary>
/// The command-line options of the OIDC issuer. Values from the environment variables are checked
/// like those on the command line, so a bad one is a usage error naming it, not a crash.
/// </summary>
internal static class IssuerOptions
{
    public const string RotationVariable = "COFFER_SIGNING_KEY_ROTATION";

    public static Option<string?> IssuerUrl(string? fromEnvironment)
    {
        var option = new Option<string?>("--issuer-url")
        {
            Description = "The server's public URL as clouds reach it; the OIDC issuer is <URL>/oidc [COFFER_ISSUER_URL] (default: the first listen address)",
            DefaultValueFactory = _ => fromEnvironment,
            HelpName = "url",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { Length: > 0 } url)
            {
                try
                {
                    OidcIssuer.Normalize(url);
                }
                catch (ArgumentException)
                {
                    result.AddError($"--issuer-url (or COFFER_ISSUER_URL) \"{url}\" must be an absolute http or https URL without query, fragment or user, such as https://coffer.example.com");
                }
            }
        });
        return option;
    }

    public static Option<string> SigningKeyRotation()
    {
        var option = new Option<string>("--signing-key-rotation")
        {
            Description = $"How often the OIDC signing key is replaced, at least 1h [{RotationVariable}] (default 720h)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(RotationVariable) is { Length: > 0 } text ? text : "720h",
            HelpName = "duration",
        };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (ParseRotation(text) is null)
            {
                result.AddError($"--signing-key-rotation (or {RotationVariable}) \"{text}\" must be a duration of at least 1h, such as 720h");
            }
        });
        return option;
    }

    /// <summary>The interval, or null when <paramref name="text"/> is not a duration of at least <see cref="SigningKeyPolicy.MinRotationInterval"/>.</summary>
    public static TimeSpan? ParseRotation(string text) =>
        GoDuration.TryParse(text, out var interval) && interval >= SigningKeyPolicy.MinRotationInterval ? interval : null;
}
