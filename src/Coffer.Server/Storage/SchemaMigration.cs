using System.Globalization;

namespace Coffer.Server.Storage;

/// <summary>
/// A numbered schema change, embedded from <c>Storage/Migrations/&lt;dialect&gt;/NNNN_name.sql</c>.
/// Migrations are never edited once released; a change is a new file with the next number.
/// </summary>
internal sealed record SchemaMigration(int Version, string Name, string Sql)
{
    /// <summary>The dialect's migrations in version order.</summary>
    public static IReadOnlyList<SchemaMigration> For(string dialect)
    {
        var assembly = typeof(SchemaMigration).Assembly;
        var prefix = $"{typeof(SchemaMigration).Namespace}.Migrations.{dialect}.";
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }
            var name = resource[prefix.Length..^".sql".Length];
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"migration {resource} is not named NNNN_name.sql");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new SchemaMigration(version, name, reader.ReadToEnd()));
        }
        if (migrations.Count == 0)
        {
            // A build that lost its embedded scripts must not start on an empty schema.
            throw new InvalidOperationException($"no {dialect} migrations are embedded in {assembly.GetName().Name}");
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"two {dialect} migrations have version {migrations[i].Version}");
            }
        }
        return migrations;
    }
}
