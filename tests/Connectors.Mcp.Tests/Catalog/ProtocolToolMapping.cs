using Connectors.Mcp.Core.Catalog;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// A copy of <c>McpToolHandlers.ToProtocol</c> (src/Connectors.Mcp/Hosting/McpToolHandlers.cs), which is private.
/// Keep the two identical until that method is made <c>internal static</c> and these tests call it directly.
/// </summary>
internal static class ProtocolToolMapping
{
    public static Tool ToProtocol(CatalogTool tool) => new()
    {
        Name = tool.Name,
        Title = tool.Title,
        Description = tool.Description,
        InputSchema = tool.InputSchema,
        OutputSchema = tool.OutputSchema,
        Annotations = new ToolAnnotations
        {
            Title = tool.Title,
            ReadOnlyHint = tool.Annotations.ReadOnly,
            DestructiveHint = tool.Annotations.Destructive,
            IdempotentHint = tool.Annotations.Idempotent,
            OpenWorldHint = tool.Annotations.OpenWorld,
        },
    };
}
