using System.Text.Json;
using Coffer.Language.Values;

namespace Coffer.Providers.Vault;

/// <summary>JSON fetched from a secret store as a value that is secret all the way down.</summary>
internal static class SecretJson
{
    public static EscValue ToValue(JsonElement json) => MarkSecret(EscValue.ParseJson(json.GetRawText()));

    // Every part is marked, not only the root, so a property selected out of it stays secret
    // whichever way the host reads it.
    private static EscValue MarkSecret(EscValue value) => value.Kind switch
    {
        EscValueKind.Object => EscValue.FromObject(value.Properties.Select(p => KeyValuePair.Create(p.Key, MarkSecret(p.Value)))).WithSecret(),
        EscValueKind.Array => EscValue.FromArray(value.Items.Select(MarkSecret)).WithSecret(),
        _ => value.WithSecret(),
    };
}
