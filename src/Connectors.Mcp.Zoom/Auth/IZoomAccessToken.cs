using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Zoom.Auth;

/// <summary>Where a Zoom connector's bearer token comes from: user OAuth (<see cref="ZoomUserAuthorization"/>) or Server-to-Server OAuth.</summary>
internal interface IZoomAccessToken
{
    /// <summary>A usable access token, fetched or refreshed first when it expires soon.</summary>
    Task<string> GetAsync(CancellationToken cancellationToken);

    /// <summary>After Zoom answered 401 for <paramref name="rejected"/>: a newer token, or a forced refresh.</summary>
    Task<string> RenewAfterRejectionAsync(string rejected, CancellationToken cancellationToken);

    /// <summary>Zoom rejected even a fresh token: the error that tells the user what to do (and, for a grant, marks it needs_reauth).</summary>
    Task<ConnectorException> RejectedAsync(string reason, Exception? inner);
}
