namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>A registrant of a meeting with registration on: its id, who, and the personal join link Zoom gives them.</summary>
public sealed record ZoomRegistrant(string RegistrantId, string Email, string FirstName, string? LastName, string JoinUrl);
