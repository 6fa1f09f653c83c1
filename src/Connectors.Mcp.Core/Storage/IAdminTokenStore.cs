namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Admin tokens (<c>cma_</c> + 43 base64url characters, stored as SHA-256) and the browser sessions opened with them.
/// Revoking a token ends its sessions in the same transaction. Creating and revoking are recorded (id and name, never the
/// secret) for their <see cref="OperatorActor"/> in <see cref="IOperatorAuditLog"/>, in the transaction of the change.
/// </summary>
public interface IAdminTokenStore
{
    /// <summary>Creates a token named <paramref name="name"/> and returns it with its secret, which is never stored.</summary>
    /// <exception cref="ArgumentException">The name is blank or longer than 100 characters.</exception>
    Task<IssuedAdminToken> CreateAsync(string name, OperatorActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// The live (not revoked) token whose secret this is, compared by hash; <c>null</c> otherwise. Records the use in
    /// <see cref="AdminToken.LastUsedAt"/> (at most once a minute per token).
    /// </summary>
    Task<AdminToken?> FindBySecretAsync(string secret, CancellationToken cancellationToken);

    /// <summary>Every token, revoked ones too, oldest first.</summary>
    Task<IReadOnlyList<AdminToken>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Revokes the token (again is harmless and records nothing) and deletes its sessions.</summary>
    /// <exception cref="EntityNotFoundException">Unknown id.</exception>
    Task<AdminToken> RevokeAsync(string tokenId, OperatorActor actor, CancellationToken cancellationToken);

    /// <summary>Opens a session for a live token, valid for <paramref name="lifetime"/>.</summary>
    /// <exception cref="EntityNotFoundException">Unknown or revoked token.</exception>
    Task<IssuedAdminSession> CreateSessionAsync(string tokenId, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>The session with this id when it has not expired and its token is live; <c>null</c> otherwise.</summary>
    Task<AdminSession?> FindSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Ends the session (unknown ids are ignored).</summary>
    Task DeleteSessionAsync(string sessionId, CancellationToken cancellationToken);
}
