using System.Security.Claims;
using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// How an HTTP request carries what it authenticated as: the workspace, and the tool scope of the credential. The
/// NameIdentifier is the API key's id (the workspace's id in single-workspace mode), so the MCP SDK refuses to let a
/// request with another key — of another workspace, or of the same workspace with another scope — use an existing session.
/// </summary>
public static class WorkspaceClaims
{
    public const string WorkspaceId = "connectors_mcp_workspace_id";
    public const string Scope = "connectors_mcp_tool_scope";
    public const string AuthenticationType = "connectors-mcp";

    private const string ReadOnlyPart = "read_only=";
    private const string ToolsPart = ";tools=";
    private const string ModePart = ";mode=";

    public static ClaimsPrincipal For(string workspaceId, string slug, string? keyId, ToolScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new(new ClaimsIdentity(
            [
                new Claim(WorkspaceId, workspaceId),
                new Claim(ClaimTypes.NameIdentifier, keyId ?? workspaceId),
                new Claim(ClaimTypes.Name, slug),
                new Claim(Scope, Write(scope)),
            ],
            AuthenticationType));
    }

    public static string? Find(ClaimsPrincipal? user) => user?.FindFirst(WorkspaceId)?.Value;

    /// <summary>The request's tool scope; <c>null</c> when it carries none, or one that does not parse (fail closed).</summary>
    public static ToolScope? FindScope(ClaimsPrincipal? user)
    {
        var text = user?.FindFirst(Scope)?.Value;
        if (text is null || !text.StartsWith(ReadOnlyPart, StringComparison.Ordinal))
        {
            return null;
        }

        var tools = text.IndexOf(ToolsPart, StringComparison.Ordinal);
        var readOnly = tools < 0 ? null : text[ReadOnlyPart.Length..tools];
        if (readOnly is not ("0" or "1"))
        {
            return null;
        }

        var modeAt = text.IndexOf(ModePart, tools, StringComparison.Ordinal);
        var patterns = modeAt < 0 ? text[(tools + ToolsPart.Length)..] : text[(tools + ToolsPart.Length)..modeAt];
        ToolMode? mode = null;
        if (modeAt >= 0)
        {
            if (!ToolModeNames.TryParse(text[(modeAt + ModePart.Length)..], out var parsed))
            {
                return null;
            }

            mode = parsed;
        }

        try
        {
            return ToolScope.Create(readOnly == "1", ToolScope.SplitPatterns(patterns), mode);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // Patterns are letters, digits, _ - . and * (ToolPattern.Validate), so ',' and ';' cannot occur in them.
    private static string Write(ToolScope scope) =>
        $"{ReadOnlyPart}{(scope.ReadOnly ? 1 : 0)}{ToolsPart}{string.Join(',', scope.Patterns)}{(scope.Mode is { } mode ? ModePart + mode.ToName() : "")}";
}
