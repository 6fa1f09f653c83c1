using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Hosting.Auth;

/// <summary>
/// The workspace a valid API key names, remembered for at most <see cref="Lifetime"/> so that a session's calls do not
/// each read the database (a query and a hash per request, a tenth of a governed call's CPU under load). Bounds:
/// <list type="bullet">
/// <item>A key revoked in the database — by this process or another one on the same home, such as the CLI — is refused
/// at the latest <see cref="Lifetime"/> after the revocation committed: an entry is never used past its expiry, whatever
/// happened to the database since, and an expired entry is looked up again before the request is let in.</item>
/// <item>Only keys the store confirmed are remembered; an unknown or revoked key is looked up on every request, so a key
/// created a moment ago works at once and nothing an unauthenticated caller sends is kept.</item>
/// <item>Fails closed: when the store cannot answer, the request fails; an expired entry is not used as a fallback.</item>
/// <item>Entries are keyed by the key's SHA-256, not the key, and hold only the workspace's id and slug (neither can
/// change: workspaces are not renamed or deleted) and the key's id and scope (neither can change: a different scope is a
/// new key; revoking is the only change, bounded as above); at most <see cref="MaxEntries"/> of them.</item>
/// </list>
/// </summary>
public sealed class ApiKeyCache(IWorkspaceStore workspaces, TimeProvider time)
{
    /// <summary>How long a confirmed key is trusted without asking the database again: the revocation bound.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>More distinct valid keys than this in one lifetime empties the cache first (memory bound).</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The workspace of <paramref name="apiKey"/>, or <c>null</c> for an unknown or revoked key.</summary>
    public async ValueTask<ApiKeyWorkspace?> FindAsync(string apiKey, CancellationToken cancellationToken)
    {
        var digest = Digest(apiKey);
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(digest, out var entry) && time.GetElapsedTime(entry.CheckedAt, now) < Lifetime)
        {
            return entry.Workspace;
        }

        var match = await workspaces.FindByApiKeyAsync(apiKey, cancellationToken);
        if (match is null)
        {
            _entries.TryRemove(digest, out _);
            return null;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var found = new ApiKeyWorkspace(match.Workspace.Id, match.Workspace.Slug, match.KeyId, match.Scope);
        // Stamped with the time the lookup started: the database answered for that moment or later.
        _entries[digest] = new Entry(found, now);
        return found;
    }

    /// <summary>Forgets every remembered key (e.g. after this process revoked one): the next request of each asks the store.</summary>
    public void Clear() => _entries.Clear();

    private static string Digest(string apiKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(apiKey), hash);
        return Convert.ToHexString(hash);
    }

    private sealed record Entry(ApiKeyWorkspace Workspace, long CheckedAt);
}
