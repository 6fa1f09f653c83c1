namespace Connectors.Mcp.Core.Credentials;

/// <summary>
/// How long every process waits before asking a failing token endpoint again: 5 s after the first consecutive failure,
/// doubling each time, at most 5 minutes. Stored on the credential row, so all processes honour it.
/// </summary>
public static class TokenRefreshBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    /// <param name="consecutiveFailures">1 for the first failure.</param>
    public static TimeSpan After(int consecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);
        var exponent = Math.Min(consecutiveFailures - 1, 16); // 5 s · 2^16 is far past the cap
        var delay = TimeSpan.FromTicks(First.Ticks << exponent);
        return delay < Max ? delay : Max;
    }
}
