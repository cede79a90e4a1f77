using Coffer.Language.Schemas;
using Coffer.Providers.Aws;
using Coffer.Providers.Azure;

namespace Coffer.Providers.Gcp;

/// <summary>The schemas of <c>gcp-login</c> and of the login object <c>gcp-secrets</c> takes.</summary>
internal static class GcpLoginSchemas
{
    // Pool and provider ids: 4–32 lower-case letters, digits and dashes.
    private const string ShortId = "^[a-z0-9-]{4,32}$";
    private const string ServiceAccount = "^[a-z0-9-]{6,30}@[a-z0-9.-]+\\\\.iam\\\\.gserviceaccount\\\\.com$|^[0-9]{1,30}$";

    public static Schema Inputs { get; } = Schema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "project": {"type": "number", "multipleOf": 1, "minimum": 1, "description": "The project number (not its id)."},
            "oidc": {
              "type": "object",
              "description": "Federate an identity token issued by Coffer through a workload identity pool, then impersonate a service account.",
              "properties": {
                "workloadPoolId": {"type": "string", "pattern": "{{ShortId}}"},
                "providerId": {"type": "string", "pattern": "{{ShortId}}"},
                "serviceAccount": {"type": "string", "pattern": "{{ServiceAccount}}", "description": "The service account's e-mail."},
                "region": {"type": "string", "pattern": "^[a-z0-9-]{1,63}$", "description": "The pool's location (default global)."},
                "tokenLifetime": {"type": "string", "pattern": "{{DurationText.Pattern}}", "description": "How long the access token lasts (default 1h)."},
                "subjectAttributes": {{AzureLoginSchemas.SubjectAttributes}}
              },
              "required": ["workloadPoolId", "providerId", "serviceAccount"]
            },
            "accessToken": {
              "type": "object",
              "description": "Use an access token as it is, or to impersonate a service account.",
              "properties": {
                "accessToken": {"type": "string", "minLength": 1},
                "serviceAccount": {"type": "string", "pattern": "{{ServiceAccount}}"},
                "tokenLifetime": {"type": "string", "pattern": "{{DurationText.Pattern}}"}
              },
              "required": ["accessToken"]
            }
          },
          "required": ["project"]
        }
        """);

    public static Schema Outputs { get; } = Schema.Parse("""
        {
          "type": "object",
          "properties": {
            "project": {"type": "number", "multipleOf": 1},
            "accessToken": {"type": "string", "secret": true},
            "tokenType": {"type": "string"},
            "expiry": {"type": "string"}
          },
          "required": ["project", "accessToken", "tokenType"]
        }
        """);

    /// <summary>The <c>login</c> input of <c>gcp-secrets</c>: what <c>gcp-login</c> returns.</summary>
    public const string LoginInput = """
        {
          "type": "object",
          "properties": {
            "project": {"type": "number", "multipleOf": 1, "minimum": 1},
            "accessToken": {"type": "string", "minLength": 1},
            "tokenType": {"type": "string"},
            "expiry": {"type": "string"}
          },
          "required": ["project", "accessToken", "tokenType"]
        }
        """;
}
