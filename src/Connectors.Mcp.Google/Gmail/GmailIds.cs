using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Google.Gmail;

/// <summary>Gmail message, thread and label ids: letters, digits, <c>_</c> and <c>-</c>. Checked before they go into a URL path.</summary>
internal static class GmailIds
{
    /// <summary>
    /// As a JSON Schema pattern (JSON-escaped). It ends with <c>(?![\s\S])</c>, not <c>$</c>: in .NET (which validates
    /// the schema here) <c>$</c> also matches before a final newline, and <c>\z</c> is not ECMAScript (which clients use).
    /// </summary>
    public const string Pattern = "^[A-Za-z0-9_-]{1,256}(?![\\\\s\\\\S])";

    public static string Validate(string field, string value) =>
        value.Length is > 0 and <= 256 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? value
            : throw new ConnectorValidationException(field, "is not a Gmail id (letters, digits, '_' and '-').");
}
