using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>The <c>operator_changes</c> rows of a workspace, newest first, read with raw SQL (the write side's contract, whichever reader a backend has).</summary>
internal static class OperatorChangeRows
{
    public static async Task<IReadOnlyList<(string Actor, string Action, string? Target, string? WorkspaceSlug, string? OldValue, string? NewValue)>> ReadAsync(
        TestStores storage, string workspaceId)
    {
        var count = Convert.ToInt32(await storage.ScalarRawAsync("SELECT COUNT(*) FROM operator_changes WHERE workspace_id = @workspace_id;", ("@workspace_id", workspaceId)));
        var rows = new List<(string, string, string?, string?, string?, string?)>();
        for (var i = 0; i < count; i++)
        {
            async Task<string?> Column(string column) =>
                await storage.ScalarRawAsync(
                    $"SELECT {column} FROM operator_changes WHERE workspace_id = @workspace_id ORDER BY id DESC LIMIT 1 OFFSET {i};", ("@workspace_id", workspaceId)) as string;
            rows.Add(((await Column("actor"))!, (await Column("action"))!, await Column("target"), await Column("workspace_slug"), await Column("old_value"), await Column("new_value")));
        }

        return rows;
    }
}
