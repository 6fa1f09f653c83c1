using System.Globalization;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Zoom.Meetings;

/// <summary>Zoom meeting ids (int64, sent as digits) checked before they go into a URL path.</summary>
internal static class ZoomMeetingIds
{
    /// <summary>JSON-escaped schema pattern.</summary>
    public const string Pattern = """^[0-9]{1,19}(?![\\s\\S])""";

    public static string Validate(string field, string value) =>
        value.Length is > 0 and <= 19 && value.All(char.IsAsciiDigit) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id.ToString(CultureInfo.InvariantCulture)
            : throw new ConnectorValidationException(field, "must be a Zoom meeting id (digits only, e.g. 85746065432).");
}
