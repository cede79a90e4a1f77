using System.Text.Json;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Providers.Aws;

/// <summary>
/// <c>fn::open::aws-parameter-store</c>: reads parameters from AWS Systems Manager Parameter Store
/// with <c>GetParameters</c>, ten names per request (the API's limit), grouped by whether they are
/// decrypted. Names may carry a version (<c>/app/key:3</c>) or a label (<c>/app/key:stable</c>).
/// A <c>StringList</c> becomes a list of strings. Every value is secret.
/// </summary>
internal sealed class AwsParameterStoreProvider(AwsClients clients) : IProvider
{
    public const string Name = "aws-parameter-store";
    private const int NamesPerRequest = 10;

    public Schema Inputs { get; } = Schema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "region": {{AwsLoginSchemas.RegionInput}},
            "login": {{AwsLoginSchemas.LoginInput}},
            "get": {
              "type": "object",
              "minProperties": 1,
              "additionalProperties": {
                "type": "object",
                "properties": {
                  "name": {"type": "string", "minLength": 1, "maxLength": 2048, "description": "The parameter's name or ARN, optionally with :version or :label."},
                  "decrypt": {"type": "boolean", "description": "Decrypt a SecureString (default false)."}
                },
                "required": ["name"]
              }
            }
          },
          "required": ["region", "login", "get"]
        }
        """);

    public Schema Outputs { get; } = Schema.Parse("""
        {"type": "object", "additionalProperties": {"oneOf": [
          {"type": "string", "secret": true},
          {"type": "array", "items": {"type": "string"}, "secret": true}
        ]}}
        """);

    private sealed record Wanted(string Key, string Name, bool Decrypt);

    private sealed record Batch(bool Decrypt, IReadOnlyList<string> Names);

    public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ProviderInputs.RejectUnknown(inputs, Name, "", "region", "login", "get");
        foreach (var (key, entry) in ProviderInputs.RequiredObject(inputs, "get", Name, "").Properties)
        {
            ProviderInputs.RejectUnknown(entry, Name, $"get.{key}.", "name", "decrypt");
        }
        var region = ProviderInputs.RequiredString(inputs, "region", Name, "");
        if (!AwsEndpoints.IsRegionName(region))
        {
            throw new ProviderException($"{Name}: \"{region}\" is not an AWS region");
        }
        var credentials = AwsLogin.Read(inputs, Name);
        var wanted = ProviderInputs.RequiredObject(inputs, "get", Name, "").Properties
            .Select(p => new Wanted(
                p.Key,
                ProviderInputs.RequiredString(p.Value, "name", Name, $"get.{p.Key}."),
                ProviderInputs.OptionalBoolean(p.Value, "decrypt", false, Name, $"get.{p.Key}.")))
            .ToList();
        var batches = wanted
            .GroupBy(w => w.Decrypt)
            .SelectMany(group => group.Select(w => w.Name).Distinct(StringComparer.Ordinal).Chunk(NamesPerRequest).Select(names => new Batch(group.Key, names)))
            .ToList();
        var endpoint = clients.Endpoints.SsmEndpoint(region);

        var answers = await ConcurrentFetch.RunAsync(
            batches,
            clients.Options.MaxConcurrentRequestsPerOpen,
            async (batch, ct) =>
            {
                using var answer = await clients.Json.CallAsync(
                    endpoint,
                    "ssm",
                    region,
                    "AmazonSSM.GetParameters",
                    JsonSerializer.SerializeToUtf8Bytes(new GetParametersRequest(batch.Names, batch.Decrypt), ProviderJsonContext.Default.GetParametersRequest),
                    credentials,
                    new AwsJsonClient.CallDescription(Name, "SSM GetParameters", ""),
                    ct).ConfigureAwait(false);
                return (batch.Decrypt, Values: ParameterValues(answer.RootElement, batch.Names));
            },
            cancellationToken).ConfigureAwait(false);

        var found = answers.ToDictionary(a => a.Decrypt, a => a.Values);
        var missing = wanted.Where(w => !found[w.Decrypt].ContainsKey(w.Name)).Select(w => $"\"{w.Name}\"").Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new ProviderException($"{Name}: SSM GetParameters found no parameter {string.Join(", ", missing)}");
        }
        return EscValue.FromObject(wanted.Select(w => KeyValuePair.Create(w.Key, found[w.Decrypt][w.Name])));
    }

    /// <summary>
    /// The values of the answer by the name they were asked with. SSM answers with the plain name
    /// (or ARN) and the version or label apart in <c>Selector</c>; names that are unknown are listed
    /// in <c>InvalidParameters</c> and simply left out here.
    /// </summary>
    private static Dictionary<string, EscValue> ParameterValues(JsonElement answer, IReadOnlyList<string> asked)
    {
        var values = new Dictionary<string, EscValue>(StringComparer.Ordinal);
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("Parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Array)
        {
            return values;
        }
        foreach (var parameter in parameters.EnumerateArray())
        {
            string? Text(string name) => parameter.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            if (Text("Value") is not { } value)
            {
                continue;
            }
            var selector = Text("Selector") ?? "";
            var result = Text("Type") == "StringList"
                ? EscValue.FromArray(value.Split(',').Select(v => EscValue.FromString(v))).WithSecret()
                : EscValue.FromString(value, secret: true);
            foreach (var candidate in new[] { Text("Name"), Text("ARN") })
            {
                if (candidate is not null && asked.Contains(candidate + selector, StringComparer.Ordinal))
                {
                    values[candidate + selector] = result;
                }
            }
        }
        return values;
    }
}
