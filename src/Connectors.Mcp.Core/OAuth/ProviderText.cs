using System.Text;

namespace Connectors.Mcp.Core.OAuth;

/// <summary>
/// Text a provider sent back (an <c>error_description</c>) made safe to show: no control characters, at most
/// <see cref="MaxLength"/> characters, and none of the secrets of the exchange even if the provider echoed one.
/// </summary>
internal static class ProviderText
{
    public const int MaxLength = 200;

    private const int MinSecretLength = 8;

    public static string? Clean(string? text, params string?[] secrets)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var secret in secrets)
        {
            // Real codes, verifiers and secrets are long; replacing a very short one would garble the text instead.
            if (secret is { Length: >= MinSecretLength })
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        var clean = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        foreach (var c in text)
        {
            clean.Append(char.IsControl(c) ? ' ' : c);
            if (clean.Length > MaxLength)
            {
                return clean.ToString(0, MaxLength).TrimEnd() + "…";
            }
        }

        return clean.ToString().Trim();
    }
}
