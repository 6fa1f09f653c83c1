namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>One schema change: <c>Migrations/NNNN_name.sql</c>, applied once, in version order.</summary>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
