using System.Text;
using Coffer.Language.Declarations;
using Coffer.Language.Schemas;
using Coffer.Language.Secrets;
using Coffer.Language.Values;

namespace Coffer.Language.Evaluation;

internal sealed partial class EnvironmentScope
{
    private static readonly Schema StringSchema = Schema.StringType;
    private static readonly Schema StringArraySchema = Schema.StringArray;
    private static readonly Schema ArrayOfArraysSchema = Schema.ArrayOf(Schema.ArrayOf(Schema.Always));

    /// <summary>
    /// <c>fn::secret</c>: a plaintext is a secret string; a ciphertext is decrypted when opening (and
    /// when checking with secrets shown), and is a secret unknown otherwise.
    /// </summary>
    private EvalValue EvaluateSecret(EvalExpr x, SecretExpr secret)
    {
        if (secret.Plaintext is not null)
        {
            return EvaluateExpr(x.First!, StringSchema);
        }
        var value = new EvalValue(x, x.Schema) { Secret = true, Kind = EscValueKind.String };
        var ciphertext = secret.Ciphertext!.Value;
        if (!CiphertextEnvelope.TryDecode(ciphertext, out var payload, out var reason))
        {
            Error(secret, $"invalid ciphertext: {reason}");
            value.Unknown = true;
            return value;
        }
        if (_pass.Validating && !_pass.ShowSecrets)
        {
            value.Unknown = true;
            return value;
        }
        if (_pass.Session.TryDecrypt(_decrypter, ciphertext, payload) is not { } outcome)
        {
            value.Unknown = true;
            return value;
        }
        if (outcome.Error is not null)
        {
            Error(secret, $"decrypting: {outcome.Error}");
            value.Unknown = true;
            return value;
        }
        value.Text = Encoding.UTF8.GetString(outcome.Plaintext!);
        return value;
    }

    private EvalValue EvaluateJoin(EvalExpr x)
    {
        var value = new EvalValue(x, x.Schema) { Kind = EscValueKind.String };
        var (delimiter, delimiterOk) = EvaluateTypedExpr(x.First!, StringSchema);
        var (values, valuesOk) = EvaluateTypedExpr(x.Second!, StringArraySchema);
        if (!delimiterOk || !valuesOk)
        {
            value.Unknown = true;
            return value;
        }
        value.Combine(delimiter, values);
        if (!value.Unknown)
        {
            var text = string.Join(delimiter.Text, values.Items!.Select(v => v.Text));
            Budget.CheckText(text.Length);
            value.Text = text;
        }
        return value;
    }

    private EvalValue EvaluateSplit(EvalExpr x)
    {
        var value = new EvalValue(x, x.Schema) { Kind = EscValueKind.Array };
        var (delimiter, delimiterOk) = EvaluateTypedExpr(x.First!, StringSchema);
        var (text, textOk) = EvaluateTypedExpr(x.Second!, StringSchema);
        if (!delimiterOk || !textOk)
        {
            value.Unknown = true;
            return value;
        }
        value.Combine(delimiter, text);
        if (value.Unknown)
        {
            return value;
        }
        var parts = Split(text.Text!, delimiter.Text!);
        Budget.TakeValues(parts.Count);
        value.Items = parts.Select(p => new EvalValue(x) { Kind = EscValueKind.String, Text = p }).ToArray();
        return value;
    }

    // Go's strings.Split: an empty delimiter splits into code points; "" split by anything else is [""].
    private static List<string> Split(string text, string delimiter)
    {
        if (delimiter.Length > 0)
        {
            return [.. text.Split(delimiter)];
        }
        var parts = new List<string>(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var width = char.IsSurrogatePair(text, i) ? 2 : 1;
            parts.Add(text.Substring(i, width));
            i += width;
        }
        return parts;
    }

    private EvalValue EvaluateConcat(EvalExpr x)
    {
        var value = new EvalValue(x, x.Schema) { Kind = EscValueKind.Array };
        var (arrays, ok) = EvaluateTypedExpr(x.First!, ArrayOfArraysSchema);
        if (!ok)
        {
            value.Unknown = true;
            return value;
        }
        value.Combine(arrays);
        if (!value.Unknown)
        {
            value.Items = arrays.Items!.SelectMany(a => a.Items!).ToArray();
            Budget.TakeValues(value.Items.Length);
        }
        return value;
    }

    private EvalValue EvaluateToJson(EvalExpr x)
    {
        var value = new EvalValue(x, x.Schema) { Kind = EscValueKind.String };
        var operand = EvaluateExpr(x.First!, Schema.Always);
        value.Combine(operand);
        if (value.Unknown)
        {
            return value;
        }
        if (!GoText.TryEncodeJson(operand.Export(), Budget.Limits.MaxStringLength, out var json, out var error))
        {
            Error(x.Syntax, $"failed to encode JSON: {error}");
            value.Unknown = true;
            return value;
        }
        value.Text = json;
        return value;
    }

    private EvalValue EvaluateFromJson(EvalExpr x)
    {
        var value = new EvalValue(x, x.Schema);
        var (text, ok) = EvaluateTypedExpr(x.First!, StringSchema);
        if (!ok)
        {
            value.Unknown = true;
            return value;
        }
        value.Combine(text);
        if (value.Unknown)
        {
            return value;
        }
        if (!GoJsonDecoder.TryDecode(text.Text!, Budget.Limits.MaxNestingDepth, out var decoded, out var error, out _))
        {
            Error(x.Syntax, $"decoding JSON string: {error}");
            value.Unknown = true;
            return value;
        }
        // A secret input makes the whole decoded value, and everything in it, secret.
        return EvalValue.Import(decoded, x, Budget, value.Secret);
    }

    private EvalValue EvaluateToBase64(EvalExpr x)
    {
        var value = new EvalValue(x, x.Schema) { Kind = EscValueKind.String };
        var (text, ok) = EvaluateTypedExpr(x.First!, StringSchema);
        if (!ok)
        {
            value.Unknown = true;
            return value;
        }
        value.Combine(text);
        if (!value.Unknown)
        {
            value.Text = Convert.ToBase64String(Encoding.UTF8.GetBytes(text.Text!));
            Budget.CheckText(value.Text.Length);
        }
        return value;
    }

    private EvalValue EvaluateFromBase64(EvalExpr x)
    {
        var value = new EvalValue(x, x.Schema) { Kind = EscValueKind.String };
        var (text, ok) = EvaluateTypedExpr(x.First!, StringSchema);
        if (!ok)
        {
            value.Unknown = true;
            return value;
        }
        value.Combine(text);
        if (value.Unknown)
        {
            return value;
        }
        if (!Base64Text.TryDecode(text.Text!, out var bytes, out var error))
        {
            Error(x.Syntax, $"decoding base64 string: {error}");
            value.Unknown = true;
            return value;
        }
        value.Text = Encoding.UTF8.GetString(bytes);
        return value;
    }

    private EvalValue EvaluateToString(EvalExpr x)
    {
        var operand = EvaluateExpr(x.First!, Schema.Always);
        var (text, unknown, secret) = operand.ToText(Budget);
        return new EvalValue(x, x.Schema)
        {
            Kind = EscValueKind.String,
            Unknown = unknown,
            Secret = secret,
            Text = unknown ? null : text,
        };
    }

    /// <summary><c>fn::final</c>: the value, marked so that importers cannot override it.</summary>
    private EvalValue EvaluateFinal(EvalExpr x, Schema accept)
    {
        var value = EvaluateExpr(x.First!, accept);
        value.Secret |= value.ContainsSecrets();
        value.Final = true;
        return value;
    }

    /// <summary>
    /// <c>fn::validate</c>: checks the schema against the schema of schemas, then the value against the
    /// schema, and returns the value unchanged either way.
    /// </summary>
    private EvalValue EvaluateValidate(EvalExpr x)
    {
        var value = EvaluateExpr(x.Second!, Schema.Always);
        var (schemaValue, schemaOk) = EvaluateTypedExpr(x.First!, MetaSchema.Instance);
        if (schemaOk && !schemaValue.ContainsUnknowns())
        {
            if (ReadSchema(schemaValue.Export(), out var schema) is { } error)
            {
                Error(x.Syntax, $"invalid schema: {error}");
            }
            else
            {
                var validator = new Validator();
                validator.Validate(value, schema);
                _pass.Diagnostics.AddRange(validator.Diagnostics);
            }
        }
        value.Secret |= value.ContainsSecrets();
        return value;
    }

    private static string? ReadSchema(EscValue value, out Schema schema)
    {
        try
        {
            schema = Schema.Read(value);
            return schema.Compile();
        }
        catch (FormatException ex)
        {
            schema = Schema.Never;
            return ex.Message;
        }
    }
}
