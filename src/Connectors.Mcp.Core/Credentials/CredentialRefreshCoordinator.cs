using System.Collections.Concurrent;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Mcp.Core.Credentials;

/// <summary>
/// Exactly one token refresh in flight per connector, across the threads of this process and across processes sharing
/// the database. In this process, callers take turns on a per-connector <see cref="SemaphoreSlim"/>; across processes,
/// the turn-holder takes a refresh lease on the credential row (a compare-and-set on the version the refresh starts
/// from, in one immediate transaction). Only the lease holder calls the provider — outside any transaction — and saves
/// the result with a version check. Everyone else re-reads the row until its version moves (then uses the new tokens
/// without a token request) or the lease expires (a crashed holder), bounded by <see cref="CredentialRefreshOptions.MaxWait"/>.
/// A failing token endpoint (5xx, network, timeout) keeps the tokens and starts a back-off stored on the row
/// (<see cref="TokenRefreshBackoff"/>), during which every process fails fast without a token request.
/// </summary>
public sealed partial class CredentialRefreshCoordinator
{
    /// <summary>Tokens are refreshed this long before they expire.</summary>
    public static readonly TimeSpan ExpirySkew = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly CredentialRefreshOptions _options;
    private readonly ILogger _logger;
    private readonly string _process = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public CredentialRefreshCoordinator(TimeProvider time, ILogger<CredentialRefreshCoordinator>? logger = null, CredentialRefreshOptions? options = null)
    {
        _time = time;
        _logger = logger ?? NullLogger<CredentialRefreshCoordinator>.Instance;
        _options = options ?? new CredentialRefreshOptions();
        if (_options.TokenRequestTimeout >= _options.LeaseDuration)
        {
            throw new ArgumentException("TokenRequestTimeout must be shorter than LeaseDuration, or a slow holder could outlive its lease.", nameof(options));
        }
    }

    public CredentialRefreshOptions Options => _options;

    /// <summary>
    /// Returns tokens newer than <paramref name="fromVersion"/>: refreshed by <paramref name="refresh"/> under the lease
    /// (it must call <see cref="TokenRefreshAttempt.SaveAsync"/>), or refreshed by someone else meanwhile.
    /// </summary>
    /// <param name="fromVersion">The version of the tokens the caller holds (and found expiring or rejected).</param>
    /// <exception cref="TokenRefreshException">No usable tokens: see <see cref="TokenRefreshException.Failure"/>.</exception>
    public async Task<StoredCredential> RefreshAsync(
        ICredentialStore store,
        string workspaceId,
        string connectorId,
        long fromVersion,
        Func<TokenRefreshAttempt, CancellationToken, Task> refresh,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(refresh);
        var turn = _turns.GetOrAdd(connectorId, static _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RefreshInTurnAsync(store, workspaceId, connectorId, fromVersion, refresh, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<StoredCredential> RefreshInTurnAsync(
        ICredentialStore store, string workspaceId, string connectorId, long fromVersion, Func<TokenRefreshAttempt, CancellationToken, Task> refresh, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.MaxWait;
        var waiting = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = await store.GetStoredCredentialAsync(workspaceId, connectorId, cancellationToken).ConfigureAwait(false);
            ThrowIfNotConnected(stored);
            var now = _time.GetUtcNow();
            if (stored!.Version != fromVersion)
            {
                if (!stored.Tokens.IsExpired(now, ExpirySkew))
                {
                    LogUsedNewer(connectorId, fromVersion, stored.Version);
                    return stored;
                }

                // Newer, but already expiring (e.g. a short-lived token set by hand): refresh that one.
                fromVersion = stored.Version;
            }

            if (stored.RefreshBlockedUntil is { } blocked && blocked > now)
            {
                throw BackingOff(blocked - now);
            }

            if (string.IsNullOrEmpty(stored.Tokens.RefreshToken))
            {
                throw new TokenRefreshException(TokenRefreshFailure.NotConnected, "its access token has expired and it has no refresh token.");
            }

            if (now >= deadline)
            {
                throw new TokenRefreshException(
                    TokenRefreshFailure.Busy,
                    $"another process kept refreshing its access token for more than {_options.MaxWait.TotalSeconds:0} s. Try again shortly.",
                    TimeSpan.FromSeconds(5));
            }

            var owner = $"{_process}:{Guid.NewGuid():N}";
            var lease = await store.TryAcquireRefreshLeaseAsync(workspaceId, connectorId, fromVersion, owner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            switch (lease.Status)
            {
                case RefreshLeaseStatus.Acquired:
                    return await RefreshUnderLeaseAsync(store, workspaceId, connectorId, stored.Tokens, fromVersion, owner, refresh, cancellationToken).ConfigureAwait(false);
                case RefreshLeaseStatus.BackingOff:
                    throw BackingOff((lease.Until ?? now) - now);
                case RefreshLeaseStatus.Held:
                    if (!waiting)
                    {
                        LogWaiting(connectorId, lease.Until);
                        waiting = true;
                    }

                    await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    // Superseded or unavailable since the read: the next read says which.
                    break;
            }
        }
    }

    private async Task<StoredCredential> RefreshUnderLeaseAsync(
        ICredentialStore store,
        string workspaceId,
        string connectorId,
        OAuthTokens current,
        long fromVersion,
        string owner,
        Func<TokenRefreshAttempt, CancellationToken, Task> refresh,
        CancellationToken cancellationToken)
    {
        var attempt = new TokenRefreshAttempt(current, fromVersion, (tokens, ct) => store.SaveRefreshedTokensAsync(workspaceId, connectorId, tokens, fromVersion, ct));
        using var timeout = new CancellationTokenSource(_options.TokenRequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        LogRefreshing(connectorId, fromVersion);
        try
        {
            await refresh(attempt, linked.Token).ConfigureAwait(false);
        }
        catch (TokenRefreshException ex) when (ex.Failure == TokenRefreshFailure.Unavailable)
        {
            throw await BackOffAsync(store, workspaceId, connectorId, owner, ex.Message, ex.InnerException ?? ex).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw await BackOffAsync(
                store, workspaceId, connectorId, owner, $"the token endpoint did not answer within {_options.TokenRequestTimeout.TotalSeconds:0} s.", ex).ConfigureAwait(false);
        }
        catch (TokenRefreshException ex) when (ex.Failure is TokenRefreshFailure.Superseded or TokenRefreshFailure.GrantRevoked)
        {
            await store.ReleaseRefreshLeaseAsync(workspaceId, connectorId, owner, CancellationToken.None).ConfigureAwait(false);

            // Someone saved newer tokens while this refresh ran — with a rotating provider, the refresh token sent here
            // may have been rotated away by them, which is not a dead grant.
            var newer = await store.GetStoredCredentialAsync(workspaceId, connectorId, CancellationToken.None).ConfigureAwait(false);
            if (newer is { State: CredentialState.Active or CredentialState.Refreshing } && newer.Version != fromVersion)
            {
                LogUsedNewer(connectorId, fromVersion, newer.Version);
                return newer;
            }

            if (ex.Failure == TokenRefreshFailure.Superseded)
            {
                ThrowIfNotConnected(newer);
            }

            throw;
        }
        catch
        {
            await store.ReleaseRefreshLeaseAsync(workspaceId, connectorId, owner, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (attempt.Saved is not { } saved)
        {
            await store.ReleaseRefreshLeaseAsync(workspaceId, connectorId, owner, CancellationToken.None).ConfigureAwait(false);
            throw new InvalidOperationException("The token refresh returned without saving the refreshed tokens through TokenRefreshAttempt.SaveAsync.");
        }

        LogRefreshed(connectorId, saved.Version);
        return saved;
    }

    private async Task<TokenRefreshException> BackOffAsync(ICredentialStore store, string workspaceId, string connectorId, string owner, string reason, Exception inner)
    {
        var until = await store.RecordRefreshFailureAsync(workspaceId, connectorId, owner, CancellationToken.None).ConfigureAwait(false);
        var retryAfter = until - _time.GetUtcNow();
        LogBackingOff(connectorId, until);
        return new TokenRefreshException(TokenRefreshFailure.Unavailable, reason, retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter, inner);
    }

    private static void ThrowIfNotConnected(StoredCredential? stored)
    {
        switch (stored)
        {
            case null:
                throw new TokenRefreshException(TokenRefreshFailure.NotConnected, "it has no stored OAuth tokens.");
            case { State: CredentialState.Revoked }:
                throw new TokenRefreshException(TokenRefreshFailure.NotConnected, "it was disconnected (its grant was revoked).");
            case { State: CredentialState.NeedsReauth }:
                throw new TokenRefreshException(TokenRefreshFailure.NotConnected, "the provider refused its grant on an earlier refresh.");
        }
    }

    private static TokenRefreshException BackingOff(TimeSpan retryAfter) => new(
        TokenRefreshFailure.BackingOff,
        "its token endpoint failed recently, so refreshing the access token is paused.",
        retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refreshing the access token of connector {ConnectorId} from version {Version} under a refresh lease.")]
    private partial void LogRefreshing(string connectorId, long version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refreshed the access token of connector {ConnectorId}; stored version {Version}.")]
    private partial void LogRefreshed(string connectorId, long version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connector {ConnectorId}: version {Version} was refreshed elsewhere; using version {NewVersion} without a token request.")]
    private partial void LogUsedNewer(string connectorId, long version, long newVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {ConnectorId}: another process is refreshing its access token (lease until {Until:O}); waiting for its result.")]
    private partial void LogWaiting(string connectorId, DateTimeOffset? until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {ConnectorId}: the token endpoint failed; tokens kept, no refresh before {Until:O}.")]
    private partial void LogBackingOff(string connectorId, DateTimeOffset until);
}
