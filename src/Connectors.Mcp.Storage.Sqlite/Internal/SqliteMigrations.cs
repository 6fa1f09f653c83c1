using System.Globalization;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>
/// The embedded <c>Migrations/NNNN_name.sql</c> scripts, in version order, each version once. A gap is allowed (work
/// on parallel branches numbers its migrations ahead of one not merged yet); each script is applied once by version.
/// </summary>
internal static class SqliteMigrations
{
    private const string ResourcePrefix = "Migrations.";

    private static readonly Lazy<IReadOnlyList<SqliteMigration>> Loaded = new(Load);

    public static IReadOnlyList<SqliteMigration> All => Loaded.Value;

    private static IReadOnlyList<SqliteMigration> Load()
    {
        var assembly = typeof(SqliteMigrations).Assembly;
        var migrations = new List<SqliteMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..^".sql".Length];
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Migration resource '{resource}' cannot be read.");
            using var reader = new StreamReader(stream);
            migrations.Add(new SqliteMigration(version, name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version < 1 || (i > 0 && migrations[i].Version == migrations[i - 1].Version))
            {
                throw new InvalidOperationException($"Migrations must be numbered from 1, each number once; found {migrations[i].Name} at position {i + 1}.");
            }
        }

        return migrations;
    }
}
