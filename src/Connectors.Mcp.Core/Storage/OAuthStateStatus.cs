namespace Connectors.Mcp.Core.Storage;

/// <summary>The outcome of <see cref="IOAuthStateStore.RedeemAsync"/>.</summary>
public enum OAuthStateStatus
{
    /// <summary>The state was pending and is now used; its authorization is returned (once).</summary>
    Redeemed,

    /// <summary>No such state (never issued, purged, or its connector was removed).</summary>
    Unknown,

    /// <summary>The state was presented before: a replay.</summary>
    AlreadyUsed,
}
