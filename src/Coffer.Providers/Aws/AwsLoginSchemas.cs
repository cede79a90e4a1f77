using Coffer.Language.Schemas;

namespace Coffer.Providers.Aws;

/// <summary>The schemas of <c>aws-login</c> and of the login object the other AWS providers take.</summary>
internal static class AwsLoginSchemas
{
    public static Schema Inputs { get; } = Schema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "oidc": {
              "type": "object",
              "description": "Assume an IAM role with an identity token issued by Coffer.",
              "properties": {
                "roleArn": {"type": "string", "minLength": 20, "maxLength": 2048, "description": "The role to assume."},
                "sessionName": {"type": "string", "minLength": 2, "maxLength": 64, "pattern": "^[\\w+=,.@-]*$", "description": "The role session name."},
                "duration": {"type": "string", "pattern": "{{DurationText.Pattern}}", "description": "How long the credentials last (default 2h)."},
                "policyArns": {"type": "array", "items": {"type": "string", "minLength": 20, "maxLength": 2048}, "description": "Managed session policies."},
                "subjectAttributes": {"type": "array", "items": {"type": "string", "enum": ["currentEnvironment.name", "rootEnvironment.name", "pulumi.user.login", "pulumi.organization.login", "pulumi.token.type", "pulumi.token.team"]} }
              },
              "required": ["roleArn", "sessionName"]
            },
            "static": {
              "type": "object",
              "description": "Use these credentials as they are.",
              "properties": {
                "accessKeyId": {"type": "string"},
                "secretAccessKey": {"type": "string"},
                "sessionToken": {"type": "string"}
              },
              "required": ["accessKeyId", "secretAccessKey"]
            }
          },
          "minProperties": 1,
          "maxProperties": 1
        }
        """);

    public static Schema Outputs { get; } = Schema.Parse("""
        {
          "type": "object",
          "properties": {
            "accessKeyId": {"type": "string"},
            "secretAccessKey": {"type": "string", "secret": true},
            "sessionToken": {"type": "string", "secret": true}
          },
          "required": ["accessKeyId", "secretAccessKey"]
        }
        """);

    /// <summary>The <c>login</c> input of the other AWS providers: what <c>aws-login</c> returns.</summary>
    public const string LoginInput = """
        {
          "type": "object",
          "properties": {
            "accessKeyId": {"type": "string", "minLength": 1},
            "secretAccessKey": {"type": "string", "minLength": 1},
            "sessionToken": {"type": "string"}
          },
          "required": ["accessKeyId", "secretAccessKey"]
        }
        """;

    /// <summary>The <c>region</c> input of the other AWS providers.</summary>
    public const string RegionInput = """{"type": "string", "pattern": "^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", "description": "The AWS region, for example us-east-1."}""";
}
