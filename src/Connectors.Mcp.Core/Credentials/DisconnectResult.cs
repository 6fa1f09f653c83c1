namespace Connectors.Mcp.Core.Credentials;

/// <summary>The outcome of <see cref="ConnectorDisconnection.DisconnectAsync"/>; <see cref="Problem"/> says why the provider side did not happen.</summary>
public sealed record DisconnectResult(ProviderRevocation Revocation, string? Problem = null);
