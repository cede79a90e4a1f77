using System.Text.Json.Nodes;
using Coffer.Language.Declarations;
using Coffer.Language.Diagnostics;
using Coffer.Language.Syntax;
using Coffer.Language.Values;

namespace Coffer.Language.Tests.Conformance;

/// <summary>
/// Runs one conformance case the way the kit's README describes — load, check, eval and (when asked)
/// rotate — and produces its report entry.
/// </summary>
internal static class CaseRunner
{
    private static readonly EscValue Context = EscValue.ParseJson("""{"pulumi": {"user": {"id": "USER_123"}}}""");

    public static async Task<JsonObject> RunAsync(string caseDirectory)
    {
        var caseName = Path.GetFileName(caseDirectory);
        var overrides = ReadOverrides(caseDirectory);
        var rootName = overrides["rootEnvironment"]?.GetValue<string>() ?? caseName;
        var limits = ReadLimits(overrides);
        var evaluator = new EnvironmentEvaluator(TestProviders.Create(), new CaseFiles(caseDirectory), limits);

        var diagnostics = new JsonArray();
        var definition = EnvironmentDefinition.Parse(rootName, await File.ReadAllBytesAsync(Path.Combine(caseDirectory, "env.yaml")), limits);
        AddDiagnostics(diagnostics, "load", definition.Diagnostics);

        var entry = new JsonObject { ["diagnostics"] = diagnostics };
        if (definition.IsUnreadable)
        {
            foreach (var field in new[] { "evalJSONRevealed", "evalJSONRedacted", "checkJSON", "checkJSONRevealed" })
            {
                entry[field] = null;
            }
            return entry;
        }

        var showSecrets = overrides["showSecrets"]?.GetValue<bool>() ?? false;
        var check = await evaluator.EvaluateAsync(definition, new() { Mode = EvaluationMode.Check, ShowSecrets = showSecrets, Context = Context, Decrypter = Rot128.Instance });
        AddDiagnostics(diagnostics, "check", check.Diagnostics);
        entry["checkJSON"] = Render(check.Value, reveal: false);
        entry["checkJSONRevealed"] = Render(check.Value, reveal: true);

        var eval = await evaluator.EvaluateAsync(definition, new() { Mode = EvaluationMode.Open, Context = Context, Decrypter = Rot128.Instance });
        AddDiagnostics(diagnostics, "eval", eval.Diagnostics);
        entry["evalJSONRevealed"] = Render(eval.Value, reveal: true);
        entry["evalJSONRedacted"] = Render(eval.Value, reveal: false);

        if (overrides["rotate"]?.GetValue<bool>() == true)
        {
            var paths = overrides["rotatePaths"]?.AsArray().Select(p => PropertyPath.Parse(p!.GetValue<string>())).ToList();
            var rotate = await evaluator.EvaluateAsync(definition, new() { Mode = EvaluationMode.Rotate, RotatePaths = paths, Context = Context, Decrypter = Rot128.Instance });
            AddDiagnostics(diagnostics, "rotate", rotate.Diagnostics);
            entry["rotateJSONRevealed"] = Render(rotate.Value, reveal: true);
            entry["rotateJSONRedacted"] = Render(rotate.Value, reveal: false);
            entry["rotatePatches"] = new JsonArray(rotate.Patches.Select(p => (JsonNode)new JsonObject
            {
                ["docPath"] = p.DocumentPath,
                ["replacement"] = Render(p.Replacement, reveal: true),
                ["replacementRedacted"] = Render(p.Replacement, reveal: false),
            }).ToArray());
        }
        return entry;
    }

    private static JsonNode? Render(EscValue? value, bool reveal) =>
        value is null ? null : JsonNode.Parse(value.ToJson(reveal));

    private static void AddDiagnostics(JsonArray target, string phase, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            var entry = new JsonObject
            {
                ["phase"] = phase,
                ["severity"] = d.IsError ? "error" : "warning",
                ["summary"] = d.Summary,
            };
            if (d.Path is not null)
            {
                entry["path"] = d.Path;
            }
            if (d.Range is { } range)
            {
                entry["file"] = range.Environment;
                entry["range"] = new JsonObject { ["line"] = range.Begin.Line, ["column"] = range.Begin.Column };
            }
            target.Add(entry);
        }
    }

    private static JsonObject ReadOverrides(string caseDirectory)
    {
        var path = Path.Combine(caseDirectory, "overrides.json");
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : [];
    }

    /// <summary>Our own cases may lower limits with an <c>overrides.json</c> field <c>limits</c> (ignored by the kit).</summary>
    private static EvaluationLimits ReadLimits(JsonObject overrides)
    {
        var limits = EvaluationLimits.Default;
        if (overrides["limits"] is not JsonObject fields)
        {
            return limits;
        }
        foreach (var (name, node) in fields)
        {
            limits = name switch
            {
                "maxDocumentBytes" => limits with { MaxDocumentBytes = node!.GetValue<int>() },
                "maxNestingDepth" => limits with { MaxNestingDepth = node!.GetValue<int>() },
                "maxImportDepth" => limits with { MaxImportDepth = node!.GetValue<int>() },
                "maxEnvironments" => limits with { MaxEnvironments = node!.GetValue<int>() },
                "maxOpens" => limits with { MaxOpens = node!.GetValue<int>() },
                "maxStringLength" => limits with { MaxStringLength = node!.GetValue<int>() },
                "maxValues" => limits with { MaxValues = node!.GetValue<int>() },
                "maxEvaluationDepth" => limits with { MaxEvaluationDepth = node!.GetValue<int>() },
                "timeoutMilliseconds" => limits with { Timeout = TimeSpan.FromMilliseconds(node!.GetValue<int>()) },
                _ => throw new InvalidDataException($"unknown limit {name}"),
            };
        }
        return limits;
    }
}
