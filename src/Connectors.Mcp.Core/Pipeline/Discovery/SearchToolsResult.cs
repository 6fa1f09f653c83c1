using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Catalog.Discovery;
using Connectors.Mcp.Core.Json;

namespace Connectors.Mcp.Core.Pipeline.Discovery;

/// <summary>
/// search_tools' answer: the session's callable tools that best match the query (the workspace catalog's index, filtered
/// by the scope before ranking, so a narrow key still gets its best <c>limit</c> tools), each with the name,
/// description and inputSchema a direct tools/list would have given — all an agent needs to call it through call_tool.
/// </summary>
public static class SearchToolsResult
{
    /// <summary>How many tools an answer holds when the agent does not say.</summary>
    public const int DefaultLimit = 5;

    /// <param name="arguments">search_tools' arguments, already valid against its input schema.</param>
    public static ToolOutcome For(WorkspaceCatalog catalog, ToolScope scope, JsonObject arguments)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(arguments);
        var query = arguments["query"]!.GetValue<string>();
        var limit = arguments["limit"]?.GetValue<int>() ?? DefaultLimit;
        IReadOnlyList<ToolSearchHit> hits;
        try
        {
            hits = catalog.SearchIndex.Search(query, limit, tool => ToolVisibility.IsDiscoverable(tool, scope));
        }
        catch (ToolSearchQueryException ex)
        {
            return ToolOutcome.Error(ex.Message);
        }

        var tools = new JsonArray();
        foreach (var hit in hits)
        {
            tools.Add(new JsonObject
            {
                ["name"] = hit.Tool.Name,
                ["description"] = hit.Tool.Description,
                ["inputSchema"] = JsonNode.Parse(hit.Tool.InputSchema.GetRawText()),
            });
        }

        var result = new JsonObject { ["tools"] = tools };
        var text = hits.Count == 0
            ? $"No tool of workspace '{catalog.Workspace.Slug}' matches \"{query}\". Try other words (e.g. \"send email\", \"list events\"), or call_tool list_connectors for what is connected."
            : $"Tools for \"{query}\", best first; run one with call_tool {{name, arguments}}:\n{JsonText.Write(result)}";
        return new ToolOutcome(false, text, result);
    }
}
