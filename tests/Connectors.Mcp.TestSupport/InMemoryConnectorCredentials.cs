using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.TestSupport;

/// <summary>
/// A connector's credential row in memory (storage and the cross-process protocol are tested against SQLite elsewhere):
/// records saves and re-auth marks; every change of <see cref="Current"/> bumps the version, as the store does. Its
/// refresh runs the connector's callback directly (no lease) with a version-checked save.
/// </summary>
public sealed class InMemoryConnectorCredentials(OAuthTokens? initial) : IConnectorCredentials
{
    private readonly Lock _lock = new();
    private readonly List<OAuthTokens> _saved = [];
    private readonly List<string> _reauthReasons = [];
    private OAuthTokens? _current = initial;
    private long _version = 1;
    private CredentialState _state = initial is null ? CredentialState.NeedsReauth : CredentialState.Active;

    /// <summary>The stored tokens; setting them is a new grant stored by someone else (e.g. set-token in another process).</summary>
    public OAuthTokens? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
        set
        {
            lock (_lock)
            {
                _current = value;
                _version++;
                _state = CredentialState.Active;
            }
        }
    }

    public IReadOnlyList<OAuthTokens> Saved
    {
        get
        {
            lock (_lock)
            {
                return _saved.ToList();
            }
        }
    }

    public IReadOnlyList<string> NeedsReauthReasons
    {
        get
        {
            lock (_lock)
            {
                return _reauthReasons.ToList();
            }
        }
    }

    public Task<OAuthTokens?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task<StoredCredential?> GetStoredAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_current is null ? null : new StoredCredential(_current, _version, _state));
        }
    }

    public Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _current = tokens;
            _saved.Add(tokens);
            _version++;
            _state = CredentialState.Active;
        }

        return Task.CompletedTask;
    }

    public async Task<StoredCredential> RefreshAsync(long fromVersion, Func<TokenRefreshAttempt, CancellationToken, Task> refresh, CancellationToken cancellationToken)
    {
        var stored = await GetStoredAsync(cancellationToken)
            ?? throw new TokenRefreshException(TokenRefreshFailure.NotConnected, "it has no stored OAuth tokens.");
        if (stored.Version != fromVersion)
        {
            return stored;
        }

        var attempt = new TokenRefreshAttempt(stored.Tokens, stored.Version, (tokens, _) =>
        {
            lock (_lock)
            {
                if (_version != fromVersion)
                {
                    return Task.FromResult<StoredCredential?>(null);
                }

                _current = tokens;
                _saved.Add(tokens);
                _version++;
                return Task.FromResult<StoredCredential?>(new StoredCredential(tokens, _version, CredentialState.Active));
            }
        });
        await refresh(attempt, cancellationToken);
        return attempt.Saved ?? throw new InvalidOperationException("The refresh did not save its tokens.");
    }

    public Task MarkNeedsReauthAsync(string reason, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _reauthReasons.Add(reason);
            _state = CredentialState.NeedsReauth;
        }

        return Task.CompletedTask;
    }
}
