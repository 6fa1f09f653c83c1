namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>What the fake makes of a bearer token: Zoom answers 401 code 124 for both failures, with different messages.</summary>
internal enum ZoomAccessCheck
{
    Valid,
    Invalid,
    Expired,
}
