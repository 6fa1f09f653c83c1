using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Tests.OAuth.Support;

/// <summary>The state store's contract in memory: redeemed once, then AlreadyUsed (the SQLite store has its own tests).</summary>
internal sealed class InMemoryOAuthStateStore : IOAuthStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, OAuthPendingAuthorization?> _states = new(StringComparer.Ordinal);

    public IReadOnlyList<OAuthPendingAuthorization> Saved { get; private set; } = [];

    public Task SaveAsync(OAuthPendingAuthorization authorization, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _states.Add(authorization.State, authorization);
            Saved = [.. Saved, authorization];
        }

        return Task.CompletedTask;
    }

    public Task<OAuthStateRedemption> RedeemAsync(string state, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_states.TryGetValue(state, out var pending))
            {
                return Task.FromResult(OAuthStateRedemption.Unknown);
            }

            if (pending is null)
            {
                return Task.FromResult(OAuthStateRedemption.AlreadyUsed);
            }

            _states[state] = null;
            return Task.FromResult(new OAuthStateRedemption(OAuthStateStatus.Redeemed, pending));
        }
    }
}
