namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>What a <c>next_page_token</c> stands for: the list type and the last meeting of the page it followed.</summary>
internal sealed record ZoomPageCursor(string Type, DateTimeOffset LastTime, long LastId, DateTimeOffset ExpiresAt);
