using System.Text;
using MimeKit;

namespace Connectors.Mcp.Google.Gmail.Mime;

/// <summary>
/// MimeKit writes text that already looks like an RFC 2047 encoded word (<c>=?utf-8?b?…?=</c>) as it is, so every
/// reader would decode it into different text than the sender approved. Such a subject is therefore encoded
/// entirely, as UTF-8 base64 encoded words set through <see cref="Header.SetRawValue"/> (MimeKit's hook for
/// overriding its encoding); decoding it gives back exactly the literal text.
/// </summary>
internal static class LiteralSubject
{
    // 52 base64 chars: "=?utf-8?b?" + 52 + "?=" = 64 ≤ 75 (RFC 2047 §2); with "Subject: " the line stays ≤ 78.
    private const int MaxBytesPerWord = 39;

    public static bool NeedsFullEncoding(string subject) => subject.Contains("=?", StringComparison.Ordinal);

    public static void Set(MimeMessage message, string subject)
    {
        message.Subject = subject;
        if (!NeedsFullEncoding(subject))
        {
            return;
        }

        var header = message.Headers.First(h => h.Id == HeaderId.Subject);
        var words = Chunks(subject).Select(chunk => $"=?utf-8?b?{Convert.ToBase64String(Encoding.UTF8.GetBytes(chunk))}?=");
        header.SetRawValue(Encoding.ASCII.GetBytes(" " + string.Join("\n ", words) + "\n"));
    }

    /// <summary>Splits on character boundaries (never inside a surrogate pair) into pieces of at most <see cref="MaxBytesPerWord"/> UTF-8 bytes.</summary>
    private static IEnumerable<string> Chunks(string text)
    {
        var start = 0;
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (bytes + size > MaxBytesPerWord)
            {
                yield return text[start..i];
                start = i;
                bytes = 0;
            }

            bytes += size;
            i += width - 1;
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
