using Coffer.Language.Values;

namespace Coffer.Providers.Aws;

/// <summary>Turns the <c>login</c> input of an AWS provider into credentials.</summary>
internal static class AwsLogin
{
    public static AwsCredentials Read(EscValue inputs, string provider)
    {
        var login = ProviderInputs.RequiredObject(inputs, "login", provider, "");
        return new AwsCredentials(
            ProviderInputs.RequiredString(login, "accessKeyId", provider, "login."),
            ProviderInputs.RequiredString(login, "secretAccessKey", provider, "login."),
            ProviderInputs.OptionalString(login, "sessionToken", provider, "login."));
    }

    /// <summary>The login object: the secret parts always secret, the key id as secret as it came.</summary>
    public static EscValue ToValue(AwsCredentials credentials, bool accessKeyIdIsSecret)
    {
        var properties = new List<(string, EscValue)>
        {
            ("accessKeyId", EscValue.FromString(credentials.AccessKeyId, accessKeyIdIsSecret)),
            ("secretAccessKey", EscValue.FromString(credentials.SecretAccessKey, secret: true)),
        };
        if (credentials.SessionToken is not null)
        {
            properties.Add(("sessionToken", EscValue.FromString(credentials.SessionToken, secret: true)));
        }
        return EscValue.FromObject([.. properties]);
    }
}
