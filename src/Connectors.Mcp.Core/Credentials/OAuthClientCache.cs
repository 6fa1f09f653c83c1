using System.Collections.Concurrent;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Credentials;

/// <summary>
/// Each provider's OAuth client (id and decrypted secret) as the store holds it, read at most once per
/// <see cref="Lifetime"/> instead of once per connector call (a read and a decryption, a few % of a provider call's CPU).
/// A client set, replaced or removed by any process on the same home (<c>oauth-client set</c> from the CLI beside a running
/// server) is used at the latest <see cref="Lifetime"/> after it committed; an entry is never used past its expiry, and a
/// failing read fails the call (no stale fallback). Only the client is cached, never a connector's tokens.
/// </summary>
public sealed class OAuthClientCache(ICredentialStore credentials, TimeProvider time)
{
    /// <summary>How long a read is trusted: the bound on when another process's change is seen.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The provider's OAuth client, or <c>null</c> when none is configured.</summary>
    public async Task<OAuthClientCredentials?> GetAsync(string provider, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(provider, out var entry) && time.GetElapsedTime(entry.ReadAt, now) < Lifetime)
        {
            return entry.Client;
        }

        var client = await credentials.GetOAuthClientAsync(provider, cancellationToken);
        // Stamped with the time the read started: the store answered for that moment or later.
        _entries[provider] = new Entry(client, now);
        return client;
    }

    private sealed record Entry(OAuthClientCredentials? Client, long ReadAt);
}
