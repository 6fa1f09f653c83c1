using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Microsoft.Calendar;

/// <summary>Graph calendar and event ids (and <c>primary</c> for the default calendar): checked before they go into a URL path.</summary>
internal static partial class OutlookCalendarIds
{
    public const string Primary = "primary";
    public const int MaxLength = 512;

    /// <summary>The schema pattern (portable); <see cref="Validate"/> re-checks without .NET's <c>$</c> newline leniency.</summary>
    public const string Pattern = "^[A-Za-z0-9_=+/-]+$";

    public static string Validate(string field, string id) =>
        IdPattern().IsMatch(id) ? id : throw new ConnectorValidationException(field, "must be an Outlook id from list_calendars or list_events (letters, digits, - _ = + /).");

    [GeneratedRegex(@"\A[A-Za-z0-9_=+/-]{1,512}\z")]
    private static partial Regex IdPattern();
}
