using Coffer.Language;
using Coffer.Language.Diagnostics;
using Coffer.Language.Hosting;
using Coffer.Language.Values;

namespace Coffer.Providers.Tests.Support;

/// <summary>Evaluates environment definitions as the server will: opened, with the caller in the context.</summary>
internal static class Evaluate
{
    public const string User = "alice";

    public static async Task<EvaluationResult> OpenAsync(IProviderRegistry providers, string yaml, string environment = "payments/prod", CancellationToken cancellationToken = default)
    {
        var evaluator = new EnvironmentEvaluator(providers);
        var definition = evaluator.Parse(environment, yaml);
        Assert.Empty(definition.Diagnostics);
        return await evaluator.EvaluateAsync(
            definition,
            new EvaluationOptions
            {
                Mode = EvaluationMode.Open,
                Context = EscValue.FromObject(("pulumi", EscValue.FromObject(
                    ("user", EscValue.FromObject(("login", EscValue.FromString(User)))),
                    ("organization", EscValue.FromObject(("login", EscValue.FromString(AwsCloud.Organization))))))),
            },
            cancellationToken);
    }

    public static Diagnostic SingleError(EvaluationResult result)
    {
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        return Assert.Single(errors);
    }
}
