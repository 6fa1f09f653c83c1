using System.Globalization;
using System.Text;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>The fake's opaque page tokens (an offset, base64url-encoded) and Google's base64url for event links.</summary>
internal static class CalendarPageToken
{
    public static string Create(int offset) => Base64Url("page:" + offset.ToString(CultureInfo.InvariantCulture));

    /// <summary>The offset a page token stands for, or null when it is not one of ours.</summary>
    public static int? Parse(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '=')));
            return text.StartsWith("page:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
