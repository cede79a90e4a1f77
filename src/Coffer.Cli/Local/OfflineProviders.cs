using Coffer.Language.Hosting;

namespace Coffer.Cli.Local;

/// <summary>
/// The <c>fn::open</c> providers and <c>fn::rotate</c> rotators available to local evaluation.
/// None yet: calls report <c>unknown provider "x"</c>. Providers that work from a developer's
/// machine are registered here as they are written.
/// </summary>
internal static class OfflineProviders
{
    public static IProviderRegistry Create() => new ProviderRegistry();
}
