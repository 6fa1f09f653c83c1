namespace Connectors.Mcp.Core.Storage;

/// <summary>What presenting a <c>state</c> found: the authorization when it was <see cref="OAuthStateStatus.Redeemed"/> now.</summary>
public sealed record OAuthStateRedemption(OAuthStateStatus Status, OAuthPendingAuthorization? Authorization)
{
    public static OAuthStateRedemption Unknown { get; } = new(OAuthStateStatus.Unknown, null);

    public static OAuthStateRedemption AlreadyUsed { get; } = new(OAuthStateStatus.AlreadyUsed, null);
}
