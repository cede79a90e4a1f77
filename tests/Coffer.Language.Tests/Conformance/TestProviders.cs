using System.Text.Json;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Language.Tests.Conformance;

/// <summary>
/// The providers and rotators the conformance kit's README describes, with the schemas of its
/// <c>test-providers.json</c>.
/// </summary>
internal static class TestProviders
{
    public static ProviderRegistry Create(TimeSpan benchDelay = default)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.TestProvidersFile));
        var root = document.RootElement;
        Schema SchemaOf(string kind, string name, string part) =>
            Schema.FromValue(ValueJson.FromElement(root.GetProperty(kind).GetProperty(name).GetProperty(part)));
        Schema Input(string name) => SchemaOf("providers", name, "inputs");
        Schema Output(string name) => SchemaOf("providers", name, "outputs");

        return new ProviderRegistry()
            .Add("test", new DelegateProvider(Input("test"), Output("test"), inputs => inputs))
            .Add("error", new DelegateProvider(Input("error"), Output("error"), inputs => throw new ProviderException(inputs["why"]!.AsString)))
            .Add("schema", new DelegateProvider(Input("schema"), Output("schema"), inputs => inputs))
            .Add("secret-wrapper", new DelegateProvider(Input("secret-wrapper"), Output("secret-wrapper"), inputs => inputs.WithSecret()))
            .Add("bench", new BenchProvider(Input("bench"), Output("bench"), benchDelay))
            // Not from the kit: a provider that waits inputs.ms milliseconds, for our deadline cases.
            .Add("sleep", new SleepProvider())
            .Add("swap", new SwapRotator(SchemaOf("rotators", "swap", "inputs"), SchemaOf("rotators", "swap", "state"), SchemaOf("rotators", "swap", "outputs")))
            .Add("echo", new EchoRotator(SchemaOf("rotators", "echo", "inputs"), SchemaOf("rotators", "echo", "state"), SchemaOf("rotators", "echo", "outputs")));
    }

    /// <summary>Go's <c>time.Duration.String()</c> for whole milliseconds: <c>0s</c>, <c>10ms</c>, <c>1.5s</c>.</summary>
    public static string GoDuration(TimeSpan delay) => delay.TotalMilliseconds switch
    {
        0 => "0s",
        < 1000 => $"{delay.TotalMilliseconds:0}ms",
        _ => $"{delay.TotalSeconds:0.###}s",
    };

    private sealed class DelegateProvider(Schema inputs, Schema outputs, Func<EscValue, EscValue> open) : IProvider
    {
        public Schema Inputs => inputs;

        public Schema Outputs => outputs;

        public ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(open(inputs));
    }

    private sealed class BenchProvider(Schema inputs, Schema outputs, TimeSpan delay) : IProvider
    {
        public Schema Inputs => inputs;

        public Schema Outputs => outputs;

        public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }
            return EscValue.FromString(GoDuration(delay));
        }
    }

    private sealed class SleepProvider : IProvider
    {
        public Schema Inputs { get; } = Schema.Parse("""{"type": "object", "properties": {"ms": {"type": "number"}}, "required": ["ms"]}""");

        public Schema Outputs => Schema.Always;

        public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(int.Parse(inputs["ms"]!.AsNumberText, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            return EscValue.FromString("done");
        }
    }

    private sealed class SwapRotator(Schema inputs, Schema state, Schema outputs) : IRotator
    {
        public Schema Inputs => inputs;

        public Schema State => state;

        public Schema Outputs => outputs;

        public ValueTask<EscValue> OpenAsync(EscValue inputs, EscValue? state, ProviderContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(state ?? EscValue.EmptyObject);

        public ValueTask<EscValue> RotateAsync(EscValue inputs, EscValue? state, ProviderContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(EscValue.FromObject(("a", state?["b"] ?? EscValue.Null), ("b", state?["a"] ?? EscValue.Null)));
    }

    private sealed class EchoRotator(Schema inputs, Schema state, Schema outputs) : IRotator
    {
        public Schema Inputs => inputs;

        public Schema State => state;

        public Schema Outputs => outputs;

        public ValueTask<EscValue> OpenAsync(EscValue inputs, EscValue? state, ProviderContext context, CancellationToken cancellationToken)
        {
            var next = inputs["next"];
            if (next is { IsUnknown: false } && next.AsString != state?["current"]?.AsString)
            {
                throw new ProviderException("oh no! inputs were evaluated outside of rotation");
            }
            return ValueTask.FromResult(state ?? EscValue.EmptyObject);
        }

        public ValueTask<EscValue> RotateAsync(EscValue inputs, EscValue? state, ProviderContext context, CancellationToken cancellationToken)
        {
            var next = inputs["next"];
            if (next is null || next.IsUnknown)
            {
                throw new ProviderException("oh no! rotateOnly inputs were not evaluated during rotation");
            }
            var previous = state?["current"] ?? EscValue.Null;
            return ValueTask.FromResult(EscValue.FromObject(("current", next), ("previous", previous)));
        }
    }
}
