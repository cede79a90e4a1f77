namespace Coffer.Server.Tests.Support;

/// <summary>
/// Marks a test class whose <see cref="DatabaseFactAttribute"/> tests need PostgreSQL (through
/// <see cref="PostgresCluster"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;
