using System.Text;
using Coffer.Language.Declarations;
using Coffer.Language.Tests.Support;

namespace Coffer.Language.Tests.Limits;

/// <summary>
/// Inputs built to exhaust the evaluator. Each must end with a diagnostic naming the limit it hit —
/// never a crash, a stack overflow or a hang.
/// </summary>
public sealed class HostileInputTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_one_megabyte_document_is_rejected_by_the_size_limit()
    {
        var yaml = "values:\n  blob: \"" + new string('x', 1 << 20) + "\"\n";
        var (value, diagnostics) = await Evaluate.Yaml(yaml);
        Assert.Null(value);
        Assert.Contains(diagnostics, d => d.Summary.Contains("more than the limit of 524288 bytes", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_large_document_within_a_raised_size_limit_evaluates()
    {
        var yaml = new StringBuilder("values:\n  base: x\n");
        for (var i = 0; i < 20_000; i++)
        {
            yaml.Append("  key").Append(i).Append(": value ${base}\n");
        }
        var limits = EvaluationLimits.Default with { MaxDocumentBytes = 2 << 20 };
        var (value, diagnostics) = await Evaluate.Yaml(yaml.ToString(), limits: limits);
        Assert.Empty(diagnostics);
        Assert.Equal(20_001, value!.Properties.Count);
        Assert.Equal("value x", value["key19999"]!.AsString);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ten_thousand_levels_of_nesting_hit_the_nesting_limit(bool flow)
    {
        var yaml = new StringBuilder("values:\n  root: ");
        const int depth = 10_000;
        if (flow)
        {
            yaml.Append(new string('[', depth)).Append(new string(']', depth)).Append('\n');
        }
        else
        {
            yaml.Append('\n');
            for (var i = 0; i < depth; i++)
            {
                yaml.Append(' ', 2 * (i + 2)).Append("k:\n");
            }
        }
        var limits = EvaluationLimits.Default with { MaxDocumentBytes = 200 << 20 };
        var (value, diagnostics) = await Evaluate.Yaml(yaml.ToString(), limits: limits);
        Assert.Null(value);
        Assert.Contains(diagnostics, d => d.Summary == "the document nests deeper than the limit of 128 levels");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_chain_of_ten_thousand_references_hits_the_evaluation_depth_limit()
    {
        var yaml = new StringBuilder("values:\n");
        for (var i = 0; i < 10_000; i++)
        {
            yaml.Append("  k").Append(i).Append(": ${k").Append(i + 1).Append("}\n");
        }
        yaml.Append("  k10000: bottom\n");
        var (value, diagnostics) = await Evaluate.Yaml(yaml.ToString());
        Assert.Contains(diagnostics, d => d.Summary == "the expression nests deeper than the limit of 1000 levels");
        Assert.Equal("bottom", value!["k10000"]!.AsString);
        Assert.True(value["k0"]!.IsUnknown);
    }

    [Fact(Timeout = 60_000)]
    public async Task Deeply_nested_json_is_a_decoding_error()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        var (value, diagnostics) = await Evaluate.Yaml($"values:\n  x: {{fn::fromJSON: \"{json}\"}}\n");
        Assert.True(value!["x"]!.IsUnknown);
        Assert.Contains(diagnostics, d => d.Summary == "decoding JSON string: exceeded max depth of 128");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_thousand_environment_import_chain_hits_the_import_depth_limit()
    {
        var environments = new MemoryEnvironments();
        for (var i = 1; i < 1000; i++)
        {
            environments.Add($"e{i}", $"imports: [e{i + 1}]\nvalues:\n  v{i}: {i}\n");
        }
        environments.Add("e1000", "values:\n  last: true\n");
        var (value, diagnostics) = await Evaluate.Yaml("imports: [e1]\nvalues:\n  root: true\n", loader: environments);
        Assert.Contains(diagnostics, d => d.Summary == "the import chain is deeper than the limit of 32 environments");
        Assert.Equal("1", value!["v1"]!.AsNumberText);
        Assert.True(environments.LoadCounts.Count <= 33, $"loaded {environments.LoadCounts.Count} environments");
    }

    [Fact(Timeout = 60_000)]
    public async Task Exponential_string_interpolation_hits_the_string_limit()
    {
        var yaml = new StringBuilder("values:\n  s0: abcdefgh\n");
        for (var i = 1; i <= 60; i++)
        {
            yaml.Append("  s").Append(i).Append(": ${s").Append(i - 1).Append("}${s").Append(i - 1).Append("}\n");
        }
        var (value, diagnostics) = await Evaluate.Yaml(yaml.ToString());
        Assert.Contains(diagnostics, d => d.Summary == $"the string is longer than the limit of {1 << 20} characters");
        Assert.True(value!["s60"]!.IsUnknown);
        Assert.Equal(8 << 16, value["s16"]!.AsString.Length);
    }

    [Fact(Timeout = 60_000)]
    public async Task Exponential_references_stay_small_and_the_written_result_is_bounded()
    {
        var yaml = new StringBuilder("values:\n  a0: [x, y]\n");
        for (var i = 1; i <= 60; i++)
        {
            yaml.Append("  a").Append(i).Append(": [\"${a").Append(i - 1).Append("}\", \"${a").Append(i - 1).Append("}\"]\n");
        }
        yaml.Append("  json: {fn::toJSON: \"${a60}\"}\n  text: {fn::toString: \"${a60}\"}\n");
        var (value, diagnostics) = await Evaluate.Yaml(yaml.ToString());
        Assert.Contains(diagnostics, d => d.Summary.StartsWith("failed to encode JSON: the JSON text is longer than the limit", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Summary.StartsWith("the string is longer than the limit", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Summary.StartsWith("the environment's value has more than 1000000 parts", StringComparison.Ordinal));
        // The written-out result is bounded, so rendering it terminates.
        Assert.True(value!.ToJson().Length < 64 << 20);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_an_evaluation_is_a_diagnostic_not_an_exception()
    {
        var environments = new MemoryEnvironments { BeforeLoad = (_, ct) => Task.Delay(Timeout.Infinite, ct) };
        environments.Add("slow", "values:\n  x: 1\n");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var (value, diagnostics) = await Evaluate.Yaml("imports: [slow]\nvalues:\n  y: 2\n", loader: environments, cancellationToken: cancellation.Token);
        Assert.Equal("2", value!["y"]!.AsNumberText);
        Assert.Contains(diagnostics, d => d.Summary.Contains("the evaluation was cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public void Parsing_never_throws_on_random_bytes()
    {
        var random = new Random(42);
        var alphabet = "ab:-[]{}\"'$ \n\t#&*!|>%@`fn::${}.\\,?0123456789";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var definition = EnvironmentDefinition.Parse("fuzz", text);
            Assert.NotNull(definition.Diagnostics);
        }
    }
}
