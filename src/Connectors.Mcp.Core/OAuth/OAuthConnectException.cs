namespace Connectors.Mcp.Core.OAuth;

/// <summary>
/// A connect flow that stopped, with a message written for the person connecting (what happened, and that nothing was
/// stored). Never contains a code, token, verifier, state or client secret.
/// </summary>
public sealed class OAuthConnectException(OAuthConnectError error, string message, Exception? inner = null) : Exception(message, inner)
{
    public OAuthConnectError Error { get; } = error;

    /// <summary>
    /// Whether starting the connection again is the fix (the state or code is spent, the person declined, the provider
    /// hiccupped). False when a setting or the OAuth client must be fixed first; the message says how.
    /// </summary>
    public bool StartAgain => Error is not (OAuthConnectError.UnknownConnectorType or OAuthConnectError.UnknownConnector
        or OAuthConnectError.UnsupportedProvider or OAuthConnectError.NoOAuthClient or OAuthConnectError.InvalidEndpointSetting
        or OAuthConnectError.ClientRejected);
}
