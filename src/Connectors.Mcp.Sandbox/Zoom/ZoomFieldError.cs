namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>One entry of a Zoom validation error's <c>errors</c>: the field (dotted, e.g. <c>settings.waiting_room</c>) and why.</summary>
internal sealed record ZoomFieldError(string Field, string Message);
