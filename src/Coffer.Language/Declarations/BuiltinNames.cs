namespace Coffer.Language.Declarations;

/// <summary>The thirteen built-in functions of the language (plus the two short forms).</summary>
internal static class BuiltinNames
{
    public const string Open = "fn::open";
    public const string OpenPrefix = "fn::open::";
    public const string Rotate = "fn::rotate";
    public const string RotatePrefix = "fn::rotate::";
    public const string Secret = "fn::secret";
    public const string Join = "fn::join";
    public const string Split = "fn::split";
    public const string Concat = "fn::concat";
    public const string ToJson = "fn::toJSON";
    public const string FromJson = "fn::fromJSON";
    public const string ToBase64 = "fn::toBase64";
    public const string FromBase64 = "fn::fromBase64";
    public const string ToStringCall = "fn::toString";
    public const string Final = "fn::final";
    public const string Validate = "fn::validate";

    public static bool HasReservedPrefix(string key) => key.StartsWith("fn::", StringComparison.OrdinalIgnoreCase);
}
