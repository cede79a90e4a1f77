using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Coffer.Language.Tests.Conformance;

/// <summary>
/// Compares a report entry with a case's <c>expected.json</c> by the kit's rules at the strict level:
/// JSON fields equal (numbers by value, objects as key sets), patches matched by document path, and
/// per phase a one-to-one pairing of diagnostics on severity, summary (whitespace-insensitive, or by
/// pattern), path, file and start position.
/// </summary>
internal static class ExpectedComparison
{
    private static readonly string[] Fields = ["evalJSONRevealed", "evalJSONRedacted", "checkJSON", "checkJSONRevealed", "rotateJSONRevealed", "rotateJSONRedacted"];

    public static List<string> Compare(JsonObject expected, JsonObject actual)
    {
        var problems = new List<string>();
        foreach (var field in Fields)
        {
            if (!expected.ContainsKey(field))
            {
                continue;
            }
            if (Difference(expected[field], actual[field], "$") is { } difference)
            {
                problems.Add($"{field}: {difference}");
            }
        }
        if (expected["rotatePatches"] is JsonArray expectedPatches)
        {
            problems.AddRange(ComparePatches(expectedPatches, actual["rotatePatches"] as JsonArray ?? []));
        }
        problems.AddRange(CompareDiagnostics(expected["diagnostics"] as JsonArray ?? [], actual["diagnostics"] as JsonArray ?? []));
        return problems;
    }

    public static string? Difference(JsonNode? expected, JsonNode? actual, string path)
    {
        var (ek, ak) = (Kind(expected), Kind(actual));
        if (ek != ak)
        {
            return $"{path}: expected {ek} {expected?.ToJsonString()}, got {ak} {actual?.ToJsonString()}";
        }
        switch (expected)
        {
            case null:
                return null;
            case JsonArray ea:
            {
                var aa = (JsonArray)actual!;
                if (ea.Count != aa.Count)
                {
                    return $"{path}: expected {ea.Count} elements, got {aa.Count}";
                }
                for (var i = 0; i < ea.Count; i++)
                {
                    if (Difference(ea[i], aa[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }
                return null;
            }
            case JsonObject eo:
            {
                var ao = (JsonObject)actual!;
                var missing = eo.Select(p => p.Key).Except(ao.Select(p => p.Key)).FirstOrDefault();
                if (missing is not null)
                {
                    return $"{path}: missing key {missing}";
                }
                var extra = ao.Select(p => p.Key).Except(eo.Select(p => p.Key)).FirstOrDefault();
                if (extra is not null)
                {
                    return $"{path}: unexpected key {extra}";
                }
                foreach (var (key, value) in eo)
                {
                    if (Difference(value, ao[key], $"{path}.{key}") is { } d)
                    {
                        return d;
                    }
                }
                return null;
            }
            default:
                var ev = expected.AsValue();
                var av = actual!.AsValue();
                if (ek == "number")
                {
                    return decimal.Parse(ev.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) == decimal.Parse(av.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                        ? null : $"{path}: expected {ev.ToJsonString()}, got {av.ToJsonString()}";
                }
                return ev.ToJsonString() == av.ToJsonString() ? null : $"{path}: expected {ev.ToJsonString()}, got {av.ToJsonString()}";
        }
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        JsonObject => "object",
        _ => node.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            _ => "null",
        },
    };

    private static IEnumerable<string> ComparePatches(JsonArray expected, JsonArray actual)
    {
        if (expected.Count != actual.Count)
        {
            yield return $"rotatePatches: expected {expected.Count}, got {actual.Count}";
            yield break;
        }
        foreach (var e in expected)
        {
            var match = actual.FirstOrDefault(a => SamePath(e!["docPath"]!.GetValue<string>(), a!["docPath"]?.GetValue<string>()));
            if (match is null)
            {
                yield return $"rotatePatches: no patch for {e!["docPath"]}";
                continue;
            }
            if (Difference(e!["replacement"], match["replacement"], "$") is { } d)
            {
                yield return $"rotatePatches[{e["docPath"]}].replacement {d}";
            }
            if (Difference(e["replacementRedacted"], match["replacementRedacted"], "$") is { } r)
            {
                yield return $"rotatePatches[{e["docPath"]}].replacementRedacted {r}";
            }
        }
    }

    private static IEnumerable<string> CompareDiagnostics(JsonArray expected, JsonArray actual)
    {
        foreach (var phase in new[] { "load", "check", "eval", "rotate" })
        {
            var es = expected.Where(d => d!["phase"]!.GetValue<string>() == phase).Select(d => d!.AsObject()).ToList();
            var acts = actual.Where(d => d!["phase"]!.GetValue<string>() == phase).Select(d => d!.AsObject()).ToList();
            var matching = MaxMatching(es.Count, acts.Count, (i, j) => Compatible(es[i], acts[j]));
            if (matching.Count == es.Count && es.Count == acts.Count)
            {
                continue;
            }
            var unmatchedExpected = es.Where((_, i) => !matching.ContainsKey(i)).Select(Describe);
            var unmatchedActual = acts.Where((_, j) => !matching.ContainsValue(j)).Select(Describe);
            yield return $"diagnostics[{phase}]: expected {es.Count}, got {acts.Count}; missing [{string.Join("; ", unmatchedExpected)}]; unexpected [{string.Join("; ", unmatchedActual)}]";
        }
    }

    private static string Describe(JsonObject d) => $"{d["severity"]} {d["summary"]} at {d["path"]} ({d["range"]?["line"]}:{d["range"]?["column"]})";

    private static bool Compatible(JsonObject e, JsonObject a)
    {
        if (e["severity"]!.GetValue<string>() != a["severity"]!.GetValue<string>())
        {
            return false;
        }
        var summary = a["summary"]!.GetValue<string>();
        if (e["summaryPattern"] is { } pattern)
        {
            if (!Regex.IsMatch(summary, $"^(?:{pattern.GetValue<string>()})$"))
            {
                return false;
            }
        }
        else if (Squash(e["summary"]!.GetValue<string>()) != Squash(summary))
        {
            return false;
        }
        if (e["path"] is { } path && !SamePath(path.GetValue<string>(), a["path"]?.GetValue<string>()))
        {
            return false;
        }
        if (e["file"] is { } file && file.GetValue<string>() != a["file"]?.GetValue<string>())
        {
            return false;
        }
        if (e["range"] is { } range)
        {
            return a["range"] is { } ar
                && range["line"]!.GetValue<int>() == ar["line"]?.GetValue<int>()
                && range["column"]!.GetValue<int>() == ar["column"]?.GetValue<int>();
        }
        return true;
    }

    private static string Squash(string s) => Regex.Replace(s, @"\s+", "");

    private static bool SamePath(string expected, string? actual) =>
        actual is not null && (expected == actual
            || (Coffer.Language.Syntax.PropertyPath.TryParse(expected, out var e, out _) && Coffer.Language.Syntax.PropertyPath.TryParse(actual, out var a, out _)
                && e.Segments.SequenceEqual(a.Segments)));

    private static Dictionary<int, int> MaxMatching(int left, int right, Func<int, int, bool> compatible)
    {
        var matchRight = Enumerable.Repeat(-1, right).ToArray();
        bool TryAugment(int i, HashSet<int> seen)
        {
            for (var j = 0; j < right; j++)
            {
                if (!compatible(i, j) || !seen.Add(j))
                {
                    continue;
                }
                if (matchRight[j] < 0 || TryAugment(matchRight[j], seen))
                {
                    matchRight[j] = i;
                    return true;
                }
            }
            return false;
        }
        for (var i = 0; i < left; i++)
        {
            TryAugment(i, []);
        }
        var result = new Dictionary<int, int>();
        for (var j = 0; j < right; j++)
        {
            if (matchRight[j] >= 0)
            {
                result[matchRight[j]] = j;
            }
        }
        return result;
    }
}
