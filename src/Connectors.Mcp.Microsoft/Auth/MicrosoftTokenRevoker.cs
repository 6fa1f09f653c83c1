using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Microsoft.Auth;

/// <summary>
/// The Microsoft identity platform has no endpoint that revokes one app's grant (it does not implement RFC 7009), and
/// Graph's <c>revokeSignInSessions</c> would sign the user out of every app and device. So this revoker always refuses,
/// with a message that says so: <c>connector disconnect</c> deletes the tokens locally and points the person to the
/// account permissions page (<see cref="MicrosoftOAuthProvider.AccountPermissionsPage"/>) to remove the app's access.
/// </summary>
internal sealed class MicrosoftTokenRevoker : ITokenRevoker
{
    public const string Refusal =
        "Microsoft offers no way to revoke one app's grant (no token revocation endpoint; revoking sign-in sessions would sign the account out everywhere). " +
        "The refresh token stays valid at Microsoft until it expires or the app's access is removed";

    public string Provider => MicrosoftOAuthProvider.ProviderKey;

    public Task RevokeAsync(ConnectorSettings settings, OAuthTokens tokens, CancellationToken cancellationToken) =>
        throw new ProviderException(Refusal);
}
