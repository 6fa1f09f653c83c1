using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Google.Tests.TestSupport;

/// <summary>A connector's credential row in memory (storage is tested elsewhere): records saves and re-auth marks.</summary>
internal sealed class InMemoryConnectorCredentials(OAuthTokens? initial) : IConnectorCredentials
{
    private readonly Lock _lock = new();
    private readonly List<OAuthTokens> _saved = [];
    private readonly List<string> _reauthReasons = [];
    private OAuthTokens? _current = initial;

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

    public Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _current = tokens;
            _saved.Add(tokens);
        }

        return Task.CompletedTask;
    }

    public Task MarkNeedsReauthAsync(string reason, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _reauthReasons.Add(reason);
        }

        return Task.CompletedTask;
    }
}
