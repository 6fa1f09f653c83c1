using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Zoom.Auth;

/// <summary>
/// Server-to-Server OAuth access tokens of this process, one per connector and app: fetched single-flight (one
/// <c>account_credentials</c> request at a time per key; everyone waiting gets its answer) and reused until
/// <see cref="CredentialRefreshCoordinator.ExpirySkew"/> before they expire. Zoom lets several S2S tokens of one app be
/// valid at once, so another process fetching its own does no harm. Tokens live only in memory.
/// </summary>
internal sealed class ZoomServerTokenCache
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>A cached token that is not about to expire, else one fetched by <paramref name="fetch"/> (once for all waiting callers).</summary>
    public async Task<string> GetAsync(
        string connectorId, ServerAppCredentials app, TimeProvider time, string? rejected, Func<CancellationToken, Task<OAuthTokens>> fetch, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(Key(connectorId, app), static _ => new Slot());
        if (Usable(slot.Tokens, time, rejected) is { } cached)
        {
            return cached;
        }

        await slot.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Usable(slot.Tokens, time, rejected) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var fetched = await fetch(cancellationToken).ConfigureAwait(false);
            slot.Tokens = fetched;
            return fetched.AccessToken;
        }
        finally
        {
            slot.Turn.Release();
        }
    }

    private static string? Usable(OAuthTokens? tokens, TimeProvider time, string? rejected) =>
        tokens is not null
        && !tokens.IsExpired(time.GetUtcNow(), CredentialRefreshCoordinator.ExpirySkew)
        && !string.Equals(tokens.AccessToken, rejected, StringComparison.Ordinal)
            ? tokens.AccessToken
            : null;

    /// <summary>Per connector and app; a changed secret is a new key (its hash, never the secret itself).</summary>
    private static string Key(string connectorId, ServerAppCredentials app)
    {
        var secret = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(app.ClientSecret)))[..16];
        return $"{connectorId}\n{app.AccountId}\n{app.ClientId}\n{secret}";
    }

    private sealed class Slot
    {
        private OAuthTokens? _tokens;

        public SemaphoreSlim Turn { get; } = new(1, 1);

        public OAuthTokens? Tokens
        {
            get => Volatile.Read(ref _tokens);
            set => Volatile.Write(ref _tokens, value);
        }
    }
}
