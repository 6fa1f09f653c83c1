using System.Globalization;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary>
/// list_events' page token: Google's token with the <c>timeMin</c> of the first page in front
/// (<c>{unix seconds}.{Google's token}</c>). When time_min is left to default to "now", the next page must still ask
/// Google with the first page's timeMin, or the pages would not fit together.
/// </summary>
internal static class ListEventsPageToken
{
    public static string Wrap(DateTimeOffset timeMin, string googleToken) =>
        timeMin.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + googleToken;

    /// <summary>The first page's timeMin and Google's token; a token without our prefix is passed on as it is.</summary>
    public static (DateTimeOffset? TimeMin, string GoogleToken) Unwrap(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            && long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and <= 253402300799
            ? (DateTimeOffset.FromUnixTimeSeconds(seconds), token[(dot + 1)..])
            : (null, token);
    }
}
