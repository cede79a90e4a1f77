using Coffer.Language.Schemas;
using Coffer.Providers.Oidc;

namespace Coffer.Providers.Azure;

/// <summary>The schemas of <c>azure-login</c> and of the login object <c>azure-secrets</c> takes.</summary>
internal static class AzureLoginSchemas
{
    // Entra ids are GUIDs, but tenants may also be named by domain (contoso.onmicrosoft.com).
    private const string IdPattern = "^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$";

    public static Schema Inputs { get; } = Schema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "clientId": {"type": "string", "pattern": "{{IdPattern}}", "description": "The application (client) id of the app registration."},
            "tenantId": {"type": "string", "pattern": "{{IdPattern}}", "description": "The directory (tenant) id."},
            "subscriptionId": {"type": "string", "description": "Passed through for tools that need a subscription."},
            "clientSecret": {"type": "string", "minLength": 1, "description": "A client secret of the app registration (static login)."},
            "oidc": {"type": "boolean", "description": "Log in with an identity token issued by Coffer and a federated credential (default false)."},
            "subjectAttributes": {{SubjectAttributes}}
          },
          "required": ["clientId", "tenantId"]
        }
        """);

    public static Schema Outputs { get; } = Schema.Parse("""
        {
          "type": "object",
          "properties": {
            "clientId": {"type": "string"},
            "tenantId": {"type": "string"},
            "subscriptionId": {"type": "string"},
            "clientSecret": {"type": "string", "secret": true},
            "oidc": {"type": "object", "properties": {"token": {"type": "string", "secret": true}}, "required": ["token"]}
          },
          "required": ["clientId", "tenantId"]
        }
        """);

    /// <summary>The <c>login</c> input of <c>azure-secrets</c>: what <c>azure-login</c> returns.</summary>
    public const string LoginInput = $$$"""
        {
          "type": "object",
          "properties": {
            "clientId": {"type": "string", "pattern": "{{{IdPattern}}}"},
            "tenantId": {"type": "string", "pattern": "{{{IdPattern}}}"},
            "subscriptionId": {"type": "string"},
            "clientSecret": {"type": "string", "minLength": 1},
            "oidc": {"type": "object", "properties": {"token": {"type": "string", "minLength": 1}}, "required": ["token"]}
          },
          "required": ["clientId", "tenantId"]
        }
        """;

    /// <summary>The attributes an identity token's subject may be built from.</summary>
    public static string SubjectAttributes =>
        """{"type": "array", "items": {"type": "string", "enum": [""" + string.Join(", ", WorkloadIdentitySubject.Attributes.Select(a => $"\"{a}\"")) + "]}}";
}
