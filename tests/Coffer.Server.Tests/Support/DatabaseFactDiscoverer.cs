using Xunit.Abstractions;
using Xunit.Sdk;

namespace Coffer.Server.Tests.Support;

/// <summary>Discovers <see cref="DatabaseFactAttribute"/> tests, skipping PostgreSQL ones when PostgreSQL is missing.</summary>
public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        if (needsPostgres && PostgresBinaries.SkipReason is { } reason)
        {
            diagnosticMessageSink.OnMessage(new DiagnosticMessage(reason));
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        }
        return _facts.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
