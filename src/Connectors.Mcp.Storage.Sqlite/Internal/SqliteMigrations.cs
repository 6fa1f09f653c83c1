using Connectors.Mcp.Core.Storage.Persistence;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>This assembly's embedded <c>Migrations/NNNN_name.sql</c> scripts, in version order (<see cref="EmbeddedMigrations"/>).</summary>
internal static class SqliteMigrations
{
    private static readonly Lazy<IReadOnlyList<Migration>> Loaded = new(() => EmbeddedMigrations.Load(typeof(SqliteMigrations).Assembly));

    public static IReadOnlyList<Migration> All => Loaded.Value;
}
