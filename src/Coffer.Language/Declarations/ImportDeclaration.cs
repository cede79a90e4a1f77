using Coffer.Language.Syntax;

namespace Coffer.Language.Declarations;

/// <summary>One entry of <c>imports</c>: an environment name and whether its values are merged.</summary>
internal sealed record ImportDeclaration(string Name, bool Merge, SyntaxNode Syntax);
