using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Google.Calendar;

/// <summary>
/// Calendar and event ids, checked before they go into a URL path (Google.Apis escapes them too). The JSON Schema
/// patterns end with <c>(?![\s\S])</c>, not <c>$</c>: in .NET <c>$</c> also matches before a final newline, and
/// <c>\z</c> is not ECMAScript.
/// </summary>
internal static class CalendarIds
{
    public const string Primary = "primary";
    public const int MaxCalendarIdLength = 254;
    public const int MaxEventIdLength = 1024;

    /// <summary>
    /// <c>primary</c>, an address (<c>name@example.com</c>) or a calendar id such as
    /// <c>c_abc@group.calendar.google.com</c> or <c>en.usa#holiday@group.v.calendar.google.com</c>: no whitespace, no
    /// slash, no query or path characters.
    /// </summary>
    public const string CalendarIdPattern = "^[A-Za-z0-9._+#@-]{1,254}(?![\\\\s\\\\S])";

    /// <summary>
    /// An event id as Google returns it: base32hex for a single event, with <c>_20260302T150000Z</c> appended for an
    /// instance of a recurring one (imported events may use other letters and digits too).
    /// </summary>
    public const string EventIdPattern = "^[A-Za-z0-9_-]{1,1024}(?![\\\\s\\\\S])";

    /// <summary>A new event's id chosen by the client: 5–1024 characters of base32hex (a–v, 0–9), as Google requires.</summary>
    public const string NewEventIdPattern = "^[a-v0-9]{5,1024}(?![\\\\s\\\\S])";

    public static string ValidateCalendarId(string field, string value) =>
        value.Length is > 0 and <= MaxCalendarIdLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+' or '#' or '@' or '-')
            ? value
            : throw new ConnectorValidationException(field, "is not a calendar id ('primary', an email address, or an id from list_calendars).");

    public static string ValidateEventId(string field, string value) =>
        value.Length is > 0 and <= MaxEventIdLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? value
            : throw new ConnectorValidationException(field, "is not a Google Calendar event id (letters, digits, '_' and '-'; see list_events).");

    public static string ValidateNewEventId(string field, string value) =>
        value.Length is >= 5 and <= MaxEventIdLength && value.All(c => c is (>= 'a' and <= 'v') or (>= '0' and <= '9'))
            ? value
            : throw new ConnectorValidationException(field, "must be 5–1024 characters of base32hex: lowercase letters a–v and digits 0–9.");
}
