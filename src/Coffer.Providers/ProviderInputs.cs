using Coffer.Language.Hosting;
using Coffer.Language.Values;

namespace Coffer.Providers;

/// <summary>
/// Reads provider inputs. The evaluator has checked them against the provider's schema already;
/// these checks only keep a provider from crashing if a host calls it directly.
/// </summary>
internal static class ProviderInputs
{
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
