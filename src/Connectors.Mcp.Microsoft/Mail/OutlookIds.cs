using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Microsoft.Mail;

/// <summary>Graph message and folder ids (and well-known folder names such as <c>inbox</c>): checked, then escaped into URL paths.</summary>
internal static partial class OutlookIds
{
    /// <summary>The schema pattern (portable: no .NET-only syntax); <see cref="Validate"/> re-checks without .NET's <c>$</c> newline leniency.</summary>
    public const string Pattern = "^[A-Za-z0-9_=+/-]+$";

    public static string Validate(string field, string id) =>
        IdPattern().IsMatch(id) ? id : throw new ConnectorValidationException(field, "must be an Outlook id (letters, digits, - _ = + /) or a well-known folder name.");

    /// <summary>The id as one URL path segment.</summary>
    public static string Segment(string id) => Uri.EscapeDataString(id);

    [GeneratedRegex(@"\A[A-Za-z0-9_=+/-]{1,512}\z")]
    private static partial Regex IdPattern();
}
