using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>
/// AWS Secrets Manager's <c>GetSecretValue</c> for one region and account, over the JSON 1.1
/// protocol, with signatures checked against the account's credentials.
/// </summary>
public sealed class SecretsManagerEmulator : IAsyncDisposable
{
    private const string Account = "111122223333";
    private readonly ConcurrentDictionary<string, StoredSecret> _secrets = new(StringComparer.Ordinal);
    private readonly LoopbackServer _server;
    private readonly string _region;

    private SecretsManagerEmulator(LoopbackServer server, string region)
    {
        _server = server;
        _region = region;
    }

    public sealed record SecretVersion(string VersionId, string? SecretString, byte[]? SecretBinary, IReadOnlyList<string> Stages);

    private sealed record StoredSecret(string Name, string Arn, IReadOnlyList<SecretVersion> Versions);

    public Uri Endpoint => _server.BaseAddress;

    public ServiceFaults Faults { get; } = new();

    public static async Task<SecretsManagerEmulator> StartAsync(AwsCredentialStore credentials, string region)
    {
        SecretsManagerEmulator? emulator = null;
        var server = await LoopbackServer.StartAsync(app => AwsJsonService.Map(
            app,
            new SigV4Verifier(credentials, region, "secretsmanager"),
            new Dictionary<string, Func<JsonElement, HttpContext, Task<IResult>>>
            {
                ["secretsmanager.GetSecretValue"] = (body, context) => emulator!.GetSecretValueAsync(body, context),
            }));
        emulator = new SecretsManagerEmulator(server, region);
        return emulator;
    }

    /// <summary>Stores a secret whose current version holds <paramref name="value"/>; returns its ARN.</summary>
    public string Add(string name, string value, params SecretVersion[] olderVersions)
    {
        var arn = $"arn:aws:secretsmanager:{_region}:{Account}:secret:{name}-{Guid.NewGuid().ToString("N")[..6]}";
        var current = new SecretVersion(Guid.NewGuid().ToString(), value, null, ["AWSCURRENT"]);
        _secrets[name] = new StoredSecret(name, arn, [current, .. olderVersions]);
        return arn;
    }

    public void AddBinary(string name, byte[] value) =>
        _secrets[name] = new StoredSecret(name, $"arn:aws:secretsmanager:{_region}:{Account}:secret:{name}-abcdef", [new SecretVersion(Guid.NewGuid().ToString(), null, value, ["AWSCURRENT"])]);

    private async Task<IResult> GetSecretValueAsync(JsonElement body, HttpContext context)
    {
        var secretId = body.Text("SecretId");
        if (string.IsNullOrEmpty(secretId))
        {
            return AwsJsonProtocol.Error("InvalidParameterException", "You must provide a value for SecretId.");
        }
        switch (await Faults.ApplyAsync(secretId, context.RequestAborted))
        {
            case "ThrottlingException":
                return AwsJsonProtocol.Error("ThrottlingException", "Rate exceeded");
            case "InternalServiceError":
                return AwsJsonProtocol.Error("InternalServiceError", "An error occurred on the server side.", 500);
        }

        var secret = _secrets.Values.FirstOrDefault(s => s.Name == secretId || s.Arn == secretId);
        if (secret is null)
        {
            return AwsJsonProtocol.Error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        var versionId = body.Text("VersionId");
        var stage = body.Text("VersionStage") ?? (versionId is null ? "AWSCURRENT" : null);
        var version = secret.Versions.FirstOrDefault(v => (versionId is null || v.VersionId == versionId) && (stage is null || v.Stages.Contains(stage)));
        if (version is null)
        {
            return AwsJsonProtocol.Error("ResourceNotFoundException", "Secrets Manager can't find the specified secret value for staging label: " + stage);
        }
        var answer = new Dictionary<string, object>
        {
            ["ARN"] = secret.Arn,
            ["Name"] = secret.Name,
            ["VersionId"] = version.VersionId,
            ["VersionStages"] = version.Stages,
            ["CreatedDate"] = 1.523477145713E9,
        };
        if (version.SecretString is not null)
        {
            answer["SecretString"] = version.SecretString;
        }
        if (version.SecretBinary is not null)
        {
            answer["SecretBinary"] = Convert.ToBase64String(version.SecretBinary);
        }
        return AwsJsonProtocol.Ok(answer);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
