namespace Connectors.Mcp.Core.Credentials;

/// <summary>Timings of the cross-process refresh protocol (<see cref="CredentialRefreshCoordinator"/>).</summary>
public sealed class CredentialRefreshOptions
{
    /// <summary>
    /// How long a refresh lease lasts. A holder that crashed blocks the others at most this long. Longer than the token
    /// request's own timeout (<see cref="TokenRequestTimeout"/>), so a live holder finishes before its lease ends.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest one token-endpoint request may take (the refresh callback's cancellation token fires then); below
    /// <see cref="LeaseDuration"/>. A timeout counts as the endpoint being unavailable.
    /// </summary>
    public TimeSpan TokenRequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a caller waiting for another process's refresh re-reads the row.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a caller waits for other holders in all, before it gives up with <see cref="TokenRefreshFailure.Busy"/>.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(45);
}
