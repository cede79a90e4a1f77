using Coffer.Language.Schemas;
using Coffer.Providers.Aws;

namespace Coffer.Providers.Vault;

/// <summary>The schemas of <c>vault-login</c> and of the login object <c>vault-secrets</c> takes.</summary>
internal static class VaultLoginSchemas
{
    public static Schema Inputs { get; } = Schema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "address": {"type": "string", "minLength": 1, "description": "The Vault server: scheme, host and port, no path."},
            "namespace": {"type": "string", "description": "The Vault Enterprise namespace."},
            "jwt": {
              "type": "object",
              "description": "Log in with an identity token issued by Coffer (Vault's JWT auth method).",
              "properties": {
                "role": {"type": "string", "minLength": 1, "description": "The JWT auth role."},
                "mount": {"type": "string", "minLength": 1, "description": "Where the JWT auth method is mounted (default jwt)."},
                "subjectAttributes": {"type": "array", "items": {"type": "string", "enum": ["currentEnvironment.name", "rootEnvironment.name", "pulumi.user.login", "pulumi.organization.login", "pulumi.token.type", "pulumi.token.team"]} }
              },
              "required": ["role"]
            },
            "token": {
              "type": "object",
              "description": "Create a short-lived child of this token.",
              "properties": {
                "token": {"type": "string", "minLength": 1, "description": "The parent token."},
                "displayName": {"type": "string", "description": "The child token's display name (default pulumi)."},
                "maxTtl": {"type": "string", "pattern": "{{DurationText.Pattern}}", "description": "How long the child token lasts (default 2h)."},
                "policies": {"type": "array", "items": {"type": "string", "minLength": 1}, "description": "The child token's policies (a subset of the parent's)."},
                "metadata": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Metadata recorded on the child token."}
              },
              "required": ["token"]
            }
          },
          "required": ["address"]
        }
        """);

    public static Schema Outputs { get; } = Schema.Parse("""
        {
          "type": "object",
          "properties": {
            "address": {"type": "string"},
            "token": {"type": "string", "secret": true},
            "namespace": {"type": "string"}
          },
          "required": ["address", "token"]
        }
        """);

    /// <summary>The <c>login</c> input of <c>vault-secrets</c>: what <c>vault-login</c> returns.</summary>
    public const string LoginInput = """
        {
          "type": "object",
          "properties": {
            "address": {"type": "string", "minLength": 1},
            "token": {"type": "string", "minLength": 1},
            "namespace": {"type": "string"}
          },
          "required": ["address", "token"]
        }
        """;
}
