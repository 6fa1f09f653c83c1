using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Google.Gmail.Mime;

/// <summary>A subject is one line of text. It is sent literally: MimeKit encodes it, so <c>=?utf-8?b?…?=</c> stays text.</summary>
internal static class EmailSubject
{
    public const int MaxLength = 998;

    public static string Validate(string field, string value)
    {
        if (value.Any(c => c is '\r' or '\n' || (char.IsControl(c) && c != '\t')))
        {
            throw new ConnectorValidationException(field, "must be a single line: line breaks and control characters are not allowed.");
        }

        if (value.Length > MaxLength)
        {
            throw new ConnectorValidationException(field, $"must be at most {MaxLength} characters.");
        }

        return value;
    }

    /// <summary>The subject of a reply: <c>Re: </c> added unless it is already there.</summary>
    public static string ForReply(string subject) =>
        subject.StartsWith("re:", StringComparison.OrdinalIgnoreCase) ? subject : "Re: " + subject;
}
