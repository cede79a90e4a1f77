using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// "A server started with a different root key than the data was written with refuses to decrypt
/// and names both keys' ids" (docs/operations.md): a clear answer naming the keys, not an internal
/// error, and nothing secret in the answer or the log.
/// </summary>
public sealed class WrongRootKeyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_server_with_another_root_key_refuses_to_decrypt_and_names_both_keys()
    {
        var data = await StoppedServerData.CreateAsync(_folder);
        var dataKeyId = Crypto.RootKey.FromBase64(File.ReadAllText(data.RootKeyFile)).Id.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var wrongKeyId = Crypto.RootKey.FromBase64(wrongKey).Id.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

        await using var server = await ServerProcess.StartAsync(data.WorkingDirectory, ["--data-dir", data.DataDirectory], new Dictionary<string, string?> { ["COFFER_ROOT_KEY"] = wrongKey });
        var startLog = server.Log;
        using var client = server.CreateClient(data.Token);
        var answers = new List<(HttpStatusCode Status, string Message)>();
        foreach (var request in (Func<Task<HttpResponseMessage>>[])[
            () => client.GetAsync($"/api/esc/environments/{StoppedServerData.EnvironmentPath}/decrypt"),
            () => client.PostAsync($"/api/esc/environments/{StoppedServerData.EnvironmentPath}/open", null),
            () => client.PatchAsync(StoppedServerData.OtherPath, "values:\n  password:\n    fn::secret: not-stored\n")])
        {
            using var response = await request();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            answers.Add((response.StatusCode, body.RootElement.GetProperty("message").GetString()!));
        }
        await server.StopAsync();

        // Said at start-up already, before any request needs a data key.
        Assert.Contains($"2 environments are protected by root key {dataKeyId}, but this server runs with root key {wrongKeyId}", startLog, StringComparison.Ordinal);
        Assert.All(answers, answer =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.Contains(dataKeyId, answer.Message, StringComparison.Ordinal);
            Assert.Contains(wrongKeyId, answer.Message, StringComparison.Ordinal);
            Assert.Empty(SecretScan.Find(answer.Message, data.Secrets));
        });
        Assert.DoesNotContain("   at ", server.Log, StringComparison.Ordinal);
        Assert.Empty(SecretScan.Find(server.Log, [.. data.Secrets, data.Token, wrongKey]));
    }

    [Theory]
    [InlineData("cm9vdGtleW1hdGVyaWFsLTAxMjM0NTY3ODlhYmNkZQ==", "must be 32 bytes")]
    [InlineData("rootkeymaterial, not base64!", "not valid base64")]
    public async Task A_malformed_root_key_stops_the_server_without_repeating_it(string rootKey, string reason)
    {
        var run = await ServerProcess.RunAsync(_folder.Path, ["--data-dir", _folder.NewSubfolder(), "--urls", "http://127.0.0.1:0"], new Dictionary<string, string?> { ["COFFER_ROOT_KEY"] = rootKey });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(reason, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(rootKey, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("rootkeymaterial", run.Output, StringComparison.Ordinal);
    }
}
