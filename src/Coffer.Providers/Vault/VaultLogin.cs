using Coffer.Language.Hosting;
using Coffer.Language.Values;

namespace Coffer.Providers.Vault;

/// <summary>A Vault server, a token for it and the namespace to use: what <c>vault-login</c> returns.</summary>
internal sealed record VaultLogin(string AddressText, Uri Address, string Token, string? Namespace)
{
    /// <summary>Reads the <c>login</c> input of <c>vault-secrets</c>.</summary>
    public static VaultLogin Read(EscValue inputs, string provider)
    {
        var login = ProviderInputs.RequiredObject(inputs, "login", provider, "");
        ProviderInputs.RejectUnknown(login, provider, "login.", "address", "token", "namespace");
        var address = ProviderInputs.RequiredString(login, "address", provider, "login.");
        var token = ProviderInputs.RequiredString(login, "token", provider, "login.");
        if (token.Length == 0 || token.Any(char.IsControl))
        {
            throw new ProviderException($"{provider}: login.token is not a Vault token");
        }
        return new VaultLogin(
            VaultAddress.Display(address),
            VaultAddress.Parse(address, provider, "login."),
            token,
            ReadNamespace(ProviderInputs.OptionalString(login, "namespace", provider, "login."), provider, "login."));
    }

    /// <summary>A namespace as the <c>X-Vault-Namespace</c> header carries it (<c>team-a</c>, <c>org/team-a</c>).</summary>
    public static string? ReadNamespace(string? text, string provider, string path)
    {
        if (text is null || text.Trim('/').Length == 0)
        {
            return null;
        }
        try
        {
            VaultPath.Encode(text, provider, path + "namespace");
        }
        catch (ProviderException)
        {
            throw new ProviderException($"{provider}: {path}namespace \"{VaultPath.Printable(text)}\" is not a Vault namespace such as team-a or org/team-a");
        }
        return text.Trim('/');
    }

    /// <summary>The login object: the token secret, the address and namespace as they are.</summary>
    public EscValue ToValue()
    {
        var properties = new List<(string, EscValue)>
        {
            ("address", EscValue.FromString(AddressText)),
            ("token", EscValue.FromString(Token, secret: true)),
        };
        if (Namespace is not null)
        {
            properties.Add(("namespace", EscValue.FromString(Namespace)));
        }
        return EscValue.FromObject([.. properties]);
    }
}
