using System.Globalization;
using System.Text.RegularExpressions;

namespace Connectors.Mcp.Core.Pipeline.RateLimiting;

/// <summary>
/// The one wording of "rate limited, retry after N s", whether our own bucket refused the call or the provider did
/// (HTTP 429, 403 usageLimits), so an agent handles both the same way.
/// </summary>
public static partial class RateLimitText
{
    /// <summary>Used when the provider gives no Retry-After.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Whole seconds, at least 1.</summary>
    public static int Seconds(TimeSpan? retryAfter) => Math.Max(1, (int)Math.Ceiling((retryAfter ?? DefaultRetryAfter).TotalSeconds));

    /// <summary><c>Rate limited: {reason}. Retry after N s; nothing was done.</c></summary>
    public static string Refusal(string reason, TimeSpan? retryAfter) =>
        string.Create(CultureInfo.InvariantCulture, $"Rate limited: {reason}. Retry after {Seconds(retryAfter)} s; nothing was done.");

    /// <summary>The audit row's error message: <c>retry after N s</c>.</summary>
    public static string AuditMessage(TimeSpan? retryAfter) => string.Create(CultureInfo.InvariantCulture, $"retry after {Seconds(retryAfter)} s");

    /// <summary>
    /// A provider's error message as the reason of a <see cref="Refusal"/>: without its own trailing "Retry after N
    /// seconds." / "Retry later." (the refusal says when, once) and without the final period.
    /// </summary>
    public static string Reason(string providerMessage) => TrailingRetry().Replace(providerMessage, "").Trim().TrimEnd('.');

    [GeneratedRegex(@"\s*Retry (after \d+ (seconds?|s)|later)\.?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingRetry();
}
