using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>
/// STS <c>AssumeRoleWithWebIdentity</c> as AWS does it: the account registers OIDC identity
/// providers (issuer URL and accepted audiences) and roles whose trust policy names a provider, an
/// audience and a subject pattern (<c>StringLike</c>). A token is accepted only when its signature
/// checks against the issuer's JWKS, fetched over HTTP through the issuer's discovery document, and
/// its issuer, audience, lifetime and subject fit. Answers are the Query protocol's XML.
/// </summary>
public sealed partial class StsEmulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string[]> _identityProviders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RoleTrust> _roles = new(StringComparer.Ordinal);
    private readonly AwsCredentialStore _credentials;
    private readonly LoopbackServer _server;
    private readonly WebIdentityValidator _validator = new();

    private StsEmulator(LoopbackServer server, AwsCredentialStore credentials)
    {
        _server = server;
        _credentials = credentials;
    }

    /// <summary>A role's trust policy for web identities.</summary>
    /// <param name="Issuer">The identity provider the role trusts.</param>
    /// <param name="Audience">The <c>aud</c> the policy requires (<c>StringEquals</c>).</param>
    /// <param name="SubjectPattern">The <c>sub</c> the policy accepts (<c>StringLike</c>: <c>*</c> and <c>?</c>).</param>
    /// <param name="MaxSessionDuration">The role's maximum session duration.</param>
    public sealed record RoleTrust(string Issuer, string Audience, string SubjectPattern, TimeSpan MaxSessionDuration);

    /// <summary>What an accepted call asked for and got.</summary>
    public sealed record AssumedRole(string RoleArn, string SessionName, int DurationSeconds, IReadOnlyList<string> PolicyArns, string Subject, string Audience, AwsCredentialStore.StoredCredentials Credentials);

    public Uri Endpoint => _server.BaseAddress;

    public ConcurrentQueue<AssumedRole> Assumed { get; } = new();

    public static async Task<StsEmulator> StartAsync(AwsCredentialStore credentials)
    {
        StsEmulator? emulator = null;
        var server = await LoopbackServer.StartAsync(app => app.MapPost("/", (Delegate)((HttpContext context) => emulator!.HandleAsync(context))));
        emulator = new StsEmulator(server, credentials);
        return emulator;
    }

    /// <summary>Registers an IAM OIDC identity provider with its accepted audiences (client ids).</summary>
    public void AddIdentityProvider(string issuer, params string[] audiences) => _identityProviders[issuer] = audiences;

    public void AddRole(string roleArn, RoleTrust trust) => _roles[roleArn] = trust;

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error("InvalidAction", "Could not find operation for this request", 400);
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string Field(string name) => form[name].ToString();
        if (Field("Action") != "AssumeRoleWithWebIdentity" || Field("Version") != "2011-06-15")
        {
            return Error("InvalidAction", $"Could not find operation {Field("Action")} for version {Field("Version")}", 400);
        }
        var (roleArn, sessionName, token) = (Field("RoleArn"), Field("RoleSessionName"), Field("WebIdentityToken"));
        if (roleArn.Length < 20 || !SessionNamePattern().IsMatch(sessionName) || token.Length < 4)
        {
            return Error("ValidationError", "1 validation error detected: RoleArn, RoleSessionName and WebIdentityToken are required and must be well formed", 400);
        }
        var durationSeconds = form.ContainsKey("DurationSeconds") ? int.Parse(Field("DurationSeconds"), CultureInfo.InvariantCulture) : 3600;
        var policyArns = form.Keys.Where(k => k.StartsWith("PolicyArns.member.", StringComparison.Ordinal) && k.EndsWith(".arn", StringComparison.Ordinal))
            .OrderBy(k => int.Parse(k.Split('.')[2], CultureInfo.InvariantCulture))
            .Select(k => form[k].ToString())
            .ToList();

        var validated = await _validator.ValidateAsync(token, _identityProviders, context.RequestAborted);
        if (validated.Failure is { } failure)
        {
            return Error(failure.Code, failure.Message, 400);
        }
        if (!_roles.TryGetValue(roleArn, out var trust) || trust.Issuer != validated.Issuer || trust.Audience != validated.Audience || !StringLike(trust.SubjectPattern, validated.Subject!))
        {
            return Error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403);
        }
        if (durationSeconds < 900 || durationSeconds > trust.MaxSessionDuration.TotalSeconds)
        {
            return Error("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", 400);
        }

        var issued = _credentials.IssueSession(TimeSpan.FromSeconds(durationSeconds));
        Assumed.Enqueue(new AssumedRole(roleArn, sessionName, durationSeconds, policyArns, validated.Subject!, validated.Audience!, issued));
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var xml = $"""
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <SubjectFromWebIdentityToken>{SecurityElement.Escape(validated.Subject)}</SubjectFromWebIdentityToken>
                <Audience>{SecurityElement.Escape(validated.Audience)}</Audience>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::111122223333:assumed-role/{SecurityElement.Escape(roleName)}/{SecurityElement.Escape(sessionName)}</Arn>
                  <AssumedRoleId>AROA3XFRBF535PLBIFPI4:{SecurityElement.Escape(sessionName)}</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <SessionToken>{SecurityElement.Escape(issued.SessionToken)}</SessionToken>
                  <SecretAccessKey>{SecurityElement.Escape(issued.SecretAccessKey)}</SecretAccessKey>
                  <Expiration>{issued.Expiration!.Value.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}</Expiration>
                  <AccessKeyId>{issued.AccessKeyId}</AccessKeyId>
                </Credentials>
                <Provider>{SecurityElement.Escape(validated.Issuer)}</Provider>
              </AssumeRoleWithWebIdentityResult>
              <ResponseMetadata>
                <RequestId>{Guid.NewGuid()}</RequestId>
              </ResponseMetadata>
            </AssumeRoleWithWebIdentityResponse>
            """;
        return Results.Text(xml, "text/xml", statusCode: 200);
    }

    private static IResult Error(string code, string message, int status) => Results.Text(
        $"""
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error>
            <Type>Sender</Type>
            <Code>{code}</Code>
            <Message>{SecurityElement.Escape(message)}</Message>
          </Error>
          <RequestId>{Guid.NewGuid()}</RequestId>
        </ErrorResponse>
        """,
        "text/xml",
        statusCode: status);

    /// <summary>IAM's <c>StringLike</c>: <c>*</c> matches any run, <c>?</c> one character.</summary>
    private static bool StringLike(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.Singleline);

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
