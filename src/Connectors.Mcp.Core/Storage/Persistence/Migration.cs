namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>One embedded <c>Migrations/NNNN_name.sql</c> script of a store implementation.</summary>
public sealed record Migration(int Version, string Name, string Sql);
