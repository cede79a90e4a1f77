using System.Globalization;
using Coffer.Language.Syntax;

namespace Coffer.Language.Declarations;

/// <summary>One step of a property access: <c>.name</c>, <c>["key"]</c> or <c>[index]</c>.</summary>
internal abstract record PropertyAccessor(SourceRange? Range)
{
    /// <summary>The key this accessor names, if it names one (a name or a string subscript).</summary>
    public abstract bool TryGetKey(out string key);
}

internal sealed record PropertyName(string Name, SourceRange? Range) : PropertyAccessor(Range)
{
    public override bool TryGetKey(out string key)
    {
        key = Name;
        return true;
    }
}

/// <summary>A subscript: <see cref="Index"/> is a <see cref="string"/> key or an <see cref="int"/> index.</summary>
internal sealed record PropertySubscript(object Index, SourceRange? Range) : PropertyAccessor(Range)
{
    public override bool TryGetKey(out string key)
    {
        key = Index as string ?? "";
        return Index is string;
    }
}

/// <summary>A parsed <c>${...}</c> access: a root accessor followed by more accessors.</summary>
internal sealed record PropertyAccess(IReadOnlyList<PropertyAccessor> Accessors)
{
    public override string ToString()
    {
        var text = "";
        foreach (var accessor in Accessors)
        {
            text += accessor switch
            {
                PropertyName n => text.Length == 0 ? n.Name : "." + n.Name,
                PropertySubscript { Index: int i } => "[" + i.ToString(CultureInfo.InvariantCulture) + "]",
                PropertySubscript s => "[" + PathText.Quote((string)s.Index) + "]",
                _ => "",
            };
        }
        return text;
    }
}

/// <summary>A piece of an interpolated string: literal text followed by an optional access.</summary>
internal sealed record Interpolation(string Text, PropertyAccess? Access);
