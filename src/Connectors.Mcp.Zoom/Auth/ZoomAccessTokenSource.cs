using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Zoom.Auth;

/// <summary>
/// Picks a Zoom connector's auth mode on its first token request: its Server-to-Server OAuth app when one is set
/// (<see cref="Core.Credentials.IConnectorCredentials.GetServerAppAsync"/>), else the connected user's OAuth grant.
/// </summary>
internal sealed class ZoomAccessTokenSource(ConnectorContext context, string displayName, ZoomTokenClient tokens, ZoomServerTokenCache cache) : IZoomAccessToken
{
    private IZoomAccessToken? _mode;

    public async Task<string> GetAsync(CancellationToken cancellationToken) =>
        await (await ModeAsync(cancellationToken).ConfigureAwait(false)).GetAsync(cancellationToken).ConfigureAwait(false);

    public async Task<string> RenewAfterRejectionAsync(string rejected, CancellationToken cancellationToken) =>
        await (await ModeAsync(cancellationToken).ConfigureAwait(false)).RenewAfterRejectionAsync(rejected, cancellationToken).ConfigureAwait(false);

    public async Task<ConnectorException> RejectedAsync(string reason, Exception? inner) =>
        await (await ModeAsync(CancellationToken.None).ConfigureAwait(false)).RejectedAsync(reason, inner).ConfigureAwait(false);

    private async Task<IZoomAccessToken> ModeAsync(CancellationToken cancellationToken)
    {
        if (_mode is { } mode)
        {
            return mode;
        }

        var app = await context.Credentials.GetServerAppAsync(cancellationToken).ConfigureAwait(false);
        _mode = app is null
            ? new ZoomUserAuthorization(context, displayName, tokens, context.LoggerFactory.CreateLogger<ZoomUserAuthorization>())
            : new ZoomServerAuthorization(context, displayName, app, tokens, cache);
        return _mode;
    }
}
