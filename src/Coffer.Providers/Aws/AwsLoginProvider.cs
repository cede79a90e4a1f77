using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;
using Coffer.Providers.Oidc;

namespace Coffer.Providers.Aws;

/// <summary>
/// <c>fn::open::aws-login</c>: AWS credentials, either static ones passed through or temporary ones
/// from STS <c>AssumeRoleWithWebIdentity</c> with an identity token from the host's OIDC issuer
/// (audience <c>aws:&lt;org&gt;</c>).
/// </summary>
internal sealed class AwsLoginProvider(AwsClients clients) : IProvider
{
    public const string Name = "aws-login";

    // ESC's default; AWS roles allow one hour unless their maximum session duration is raised.
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(2);
    private static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);

    public Schema Inputs => AwsLoginSchemas.Inputs;

    public Schema Outputs => AwsLoginSchemas.Outputs;

    public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ProviderInputs.RejectUnknown(inputs, Name, "", "oidc", "static");
        var oidc = inputs["oidc"];
        var fixedCredentials = inputs["static"];
        if ((oidc is null) == (fixedCredentials is null))
        {
            throw new ProviderException($"{Name}: give exactly one of \"oidc\" or \"static\"");
        }
        if (fixedCredentials is not null)
        {
            return Static(fixedCredentials);
        }
        return await AssumeRoleAsync(oidc!, context, cancellationToken).ConfigureAwait(false);
    }

    private static EscValue Static(EscValue login)
    {
        ProviderInputs.RejectUnknown(login, Name, "static.", "accessKeyId", "secretAccessKey", "sessionToken");
        var credentials = new AwsCredentials(
            ProviderInputs.RequiredString(login, "accessKeyId", Name, "static."),
            ProviderInputs.RequiredString(login, "secretAccessKey", Name, "static."),
            ProviderInputs.OptionalString(login, "sessionToken", Name, "static."));
        return AwsLogin.ToValue(credentials, login["accessKeyId"]!.IsSecret);
    }

    private async Task<EscValue> AssumeRoleAsync(EscValue oidc, ProviderContext context, CancellationToken cancellationToken)
    {
        ProviderInputs.RejectUnknown(oidc, Name, "oidc.", "roleArn", "sessionName", "duration", "policyArns", "subjectAttributes");
        var roleArn = ProviderInputs.RequiredString(oidc, "roleArn", Name, "oidc.");
        var sessionName = ProviderInputs.RequiredString(oidc, "sessionName", Name, "oidc.");
        var durationText = ProviderInputs.OptionalString(oidc, "duration", Name, "oidc.");
        var duration = durationText is null ? DefaultDuration : DurationText.Parse(durationText)
            ?? throw new ProviderException($"{Name}: oidc.duration \"{durationText}\" is not a duration such as 1h or 90m");
        if (duration < MinDuration || duration > MaxDuration)
        {
            throw new ProviderException($"{Name}: oidc.duration must be between 15m and 12h");
        }
        var policyArns = ProviderInputs.OptionalStrings(oidc, "policyArns", Name, "oidc.");
        var subjectAttributes = ProviderInputs.OptionalStrings(oidc, "subjectAttributes", Name, "oidc.");

        var token = await IdentityTokenMint.MintAsync(
            clients.Options.IdentityTokens, new WorkloadIdentityRequest(Name, "aws", subjectAttributes), context, cancellationToken).ConfigureAwait(false);
        var credentials = await clients.Sts.AssumeRoleWithWebIdentityAsync(
            new StsClient.AssumeRoleRequest(roleArn, sessionName, token, duration, policyArns), Name, cancellationToken).ConfigureAwait(false);
        return AwsLogin.ToValue(credentials, accessKeyIdIsSecret: false);
    }
}
