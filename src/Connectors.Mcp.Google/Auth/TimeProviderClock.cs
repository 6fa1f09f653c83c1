using Google.Apis.Util;

namespace Connectors.Mcp.Google.Auth;

/// <summary>Google.Apis' <see cref="IClock"/> over the product's <see cref="TimeProvider"/>, so token expiry follows the one clock.</summary>
internal sealed class TimeProviderClock(TimeProvider time) : IClock
{
    public DateTime Now => time.GetLocalNow().DateTime;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
}
