namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// One request the fake received: its method, path (never the query or body, which may carry tokens), endpoint, the
/// status it answered (0 when the connection was dropped without an answer) and when it arrived (the fake's clock).
/// </summary>
public sealed record FakeZoomRequest(string Method, string Path, FakeZoomEndpoint Endpoint, int StatusCode, DateTimeOffset At);
