namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary>
/// The tool a rule applies to: an exact tool name (<c>gmail_send_email</c>) or a glob whose <c>*</c> stands for any run
/// of characters (<c>*delete*</c>, <c>gmail_*</c>, <c>*</c>). It must match the whole name; matching is case-sensitive,
/// as tool names are.
/// </summary>
public static class ToolPattern
{
    public const int MaxLength = 128;

    /// <summary>The pattern, or an <see cref="ArgumentException"/> saying what is wrong with it.</summary>
    public static string Validate(string pattern, string parameterName)
    {
        if (string.IsNullOrEmpty(pattern) || pattern.Length > MaxLength
            || !pattern.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '*'))
        {
            throw new ArgumentException(
                $"'{pattern}' is not a tool pattern: use a tool name such as gmail_send_email, or a glob with * such as *delete* (letters, digits, _ - . and *, at most {MaxLength} characters).",
                parameterName);
        }

        return pattern;
    }

    /// <summary>Whether <paramref name="toolName"/> as a whole matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string toolName)
    {
        // Iterative wildcard match with one back-tracking point: linear in practice, no regex, no catastrophic cases.
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < toolName.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && pattern[p] == toolName[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
