using Xunit.Sdk;

namespace Coffer.Server.Tests.Support;

/// <summary>
/// A fact that runs against a database. In a class marked <see cref="RequiresPostgresAttribute"/>,
/// when PostgreSQL is not installed (and <c>COFFER_REQUIRE_POSTGRES</c> is not <c>1</c>), it is
/// reported as skipped with a reason saying so — never as passed. xunit 2 has no dynamic skip, so
/// the decision is made when tests are discovered.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Coffer.Server.Tests.Support.DatabaseFactDiscoverer", "Coffer.Server.Tests")]
public sealed class DatabaseFactAttribute : FactAttribute;
