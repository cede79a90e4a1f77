using Coffer.Language.Hosting;
using Coffer.Language.Values;

namespace Coffer.Providers;

/// <summary>
/// Reads provider inputs. The evaluator has checked them against the provider's schema already;
/// these checks only keep a provider from crashing if a host calls it directly.
/// </summary>
internal static class ProviderInputs
{
    /// <summary>
    /// Refuses keys the provider does not know, so a misspelt optional input (<c>durration</c>) is
    /// an error instead of being ignored. (The schemas leave objects open: the evaluator reports no
    /// diagnostic for a property a closed schema refuses, it only skips the call.)
    /// </summary>
    public static void RejectUnknown(EscValue value, string provider, string path, params string[] known)
    {
        foreach (var key in value.Properties.Keys)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                throw new ProviderException($"{provider}: unknown input {path}{key}; expected one of {string.Join(", ", known)}");
            }
        }
    }

    public static string RequiredString(EscValue parent, string key, string provider, string path) =>
        parent[key] is { Kind: EscValueKind.String } value
            ? value.AsString
            : throw new ProviderException($"{provider}: {path}{key} must be a string");

    public static string? OptionalString(EscValue parent, string key, string provider, string path) => parent[key] switch
    {
        null or { Kind: EscValueKind.Null } => null,
        { Kind: EscValueKind.String } value => value.AsString,
        _ => throw new ProviderException($"{provider}: {path}{key} must be a string"),
    };

    public static bool OptionalBoolean(EscValue parent, string key, bool fallback, string provider, string path) => parent[key] switch
    {
        null or { Kind: EscValueKind.Null } => fallback,
        { Kind: EscValueKind.Boolean } value => value.AsBoolean,
        _ => throw new ProviderException($"{provider}: {path}{key} must be a boolean"),
    };

    public static IReadOnlyList<string> OptionalStrings(EscValue parent, string key, string provider, string path) => parent[key] switch
    {
        null or { Kind: EscValueKind.Null } => [],
        { Kind: EscValueKind.Array } array when array.Items.All(i => i.Kind == EscValueKind.String) => array.Items.Select(i => i.AsString).ToList(),
        _ => throw new ProviderException($"{provider}: {path}{key} must be a list of strings"),
    };

    public static EscValue RequiredObject(EscValue parent, string key, string provider, string path) =>
        parent[key] is { Kind: EscValueKind.Object } value
            ? value
            : throw new ProviderException($"{provider}: {path}{key} must be an object");
}
