using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>
/// AWS Systems Manager Parameter Store's <c>GetParameters</c> for one region and account, over the
/// JSON 1.1 protocol with signatures checked: names with <c>:version</c> or <c>:label</c> selectors,
/// at most ten per request, unknown ones listed in <c>InvalidParameters</c>, SecureStrings given as
/// ciphertext unless decryption is asked for.
/// </summary>
public sealed class ParameterStoreEmulator : IAsyncDisposable
{
    private const string Account = "111122223333";
    private readonly ConcurrentDictionary<string, List<Version>> _parameters = new(StringComparer.Ordinal);
    private readonly LoopbackServer _server;
    private readonly string _region;

    private ParameterStoreEmulator(LoopbackServer server, string region)
    {
        _server = server;
        _region = region;
    }

    private sealed record Version(int Number, string Type, string Value, IReadOnlyList<string> Labels);

    public Uri Endpoint => _server.BaseAddress;

    public ServiceFaults Faults { get; } = new();

    /// <summary>The names of each <c>GetParameters</c> request, with its decryption flag, in arrival order.</summary>
    public ConcurrentQueue<(IReadOnlyList<string> Names, bool WithDecryption)> Requests { get; } = new();

    public static async Task<ParameterStoreEmulator> StartAsync(AwsCredentialStore credentials, string region)
    {
        ParameterStoreEmulator? emulator = null;
        var server = await LoopbackServer.StartAsync(app => AwsJsonService.Map(
            app,
            new SigV4Verifier(credentials, region, "ssm"),
            new Dictionary<string, Func<JsonElement, HttpContext, Task<IResult>>>
            {
                ["AmazonSSM.GetParameters"] = (body, context) => emulator!.GetParametersAsync(body, context),
            }));
        emulator = new ParameterStoreEmulator(server, region);
        return emulator;
    }

    /// <summary>Adds a new version of a parameter (<c>String</c>, <c>StringList</c> or <c>SecureString</c>).</summary>
    public void Put(string name, string type, string value, params string[] labels)
    {
        var versions = _parameters.GetOrAdd(name, _ => []);
        lock (versions)
        {
            versions.Add(new Version(versions.Count + 1, type, value, labels));
        }
    }

    public string Arn(string name) => $"arn:aws:ssm:{_region}:{Account}:parameter/{name.TrimStart('/')}";

    private async Task<IResult> GetParametersAsync(JsonElement body, HttpContext context)
    {
        if (!body.TryGetProperty("Names", out var namesElement) || namesElement.ValueKind != JsonValueKind.Array)
        {
            return AwsJsonProtocol.Error("ValidationException", "1 validation error detected: Value null at 'names' failed to satisfy constraint: Member must not be null");
        }
        var names = namesElement.EnumerateArray().Select(n => n.GetString() ?? "").ToList();
        if (names.Count is 0 or > 10)
        {
            return AwsJsonProtocol.Error("ValidationException", $"1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to 10 and greater than or equal to 1");
        }
        var decrypt = body.TryGetProperty("WithDecryption", out var d) && d.ValueKind == JsonValueKind.True;
        Requests.Enqueue((names, decrypt));
        foreach (var name in names)
        {
            switch (await Faults.ApplyAsync(name, context.RequestAborted))
            {
                case "ThrottlingException":
                    return AwsJsonProtocol.Error("ThrottlingException", "Rate exceeded");
                case "InternalServiceError":
                    return AwsJsonProtocol.Error("InternalServerError", "An error occurred on the server side.", 500);
            }
        }

        var found = new List<Dictionary<string, object>>();
        var invalid = new List<string>();
        foreach (var requested in names)
        {
            var (name, selector) = Split(requested);
            var version = Resolve(name, selector);
            if (version is null)
            {
                invalid.Add(requested);
                continue;
            }
            var parameter = new Dictionary<string, object>
            {
                ["Name"] = name,
                ["Type"] = version.Type,
                ["Value"] = version.Type == "SecureString" && !decrypt ? Ciphertext(version.Value) : version.Value,
                ["Version"] = version.Number,
                ["ARN"] = Arn(StripArn(name)),
                ["DataType"] = "text",
                ["LastModifiedDate"] = 1.7e9,
            };
            if (selector is not null)
            {
                parameter["Selector"] = ":" + selector;
            }
            found.Add(parameter);
        }
        return AwsJsonProtocol.Ok(new Dictionary<string, object> { ["Parameters"] = found, ["InvalidParameters"] = invalid });
    }

    private Version? Resolve(string name, string? selector)
    {
        if (!_parameters.TryGetValue(StripArn(name), out var versions))
        {
            return null;
        }
        lock (versions)
        {
            if (selector is null)
            {
                return versions[^1];
            }
            return int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? versions.FirstOrDefault(v => v.Number == number)
                : versions.FirstOrDefault(v => v.Labels.Contains(selector));
        }
    }

    /// <summary>Splits <c>/a/b:3</c> and <c>arn:aws:ssm:r:a:parameter/a/b:label</c> into name and selector.</summary>
    private static (string Name, string? Selector) Split(string requested)
    {
        var start = requested.StartsWith("arn:", StringComparison.Ordinal) ? requested.IndexOf(":parameter/", StringComparison.Ordinal) + 1 : 0;
        var colon = requested.IndexOf(':', start);
        return colon < 0 ? (requested, null) : (requested[..colon], requested[(colon + 1)..]);
    }

    private string StripArn(string name)
    {
        var prefix = $"arn:aws:ssm:{_region}:{Account}:parameter";
        return name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
    }

    private static string Ciphertext(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes("kms-encrypted:" + new string(value.Reverse().ToArray())));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
