using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Pipeline.Idempotency;

namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary>
/// The condition of an approval rule, over a call's arguments. Written and read as text, the same in the CLI, the admin
/// API and the database:
/// <list type="bullet">
/// <item><c>always</c></item>
/// <item><c>recipients-all-in:acme.com,acme.io</c> — at least one recipient, and every one in those domains</item>
/// <item><c>recipients-any-outside:workspace</c> — some recipient outside the workspace's domains (or a listed set)</item>
/// <item><c>argument:send_updates=none</c> — a top-level argument equals a value</item>
/// </list>
/// DOMAINS is a comma list of domains (<c>acme.com</c>), subdomain wildcards (<c>*.acme.com</c>) and the word
/// <c>workspace</c>; see <see cref="DomainSet"/>. A recipient's domain is the part after its last <c>@</c>, compared
/// case-insensitively and exactly (<c>bob@acme.com.evil.com</c> is not in <c>acme.com</c>).
/// </summary>
public abstract partial record RuleCondition
{
    /// <summary>The forms <see cref="Parse"/> accepts, for error messages and help texts.</summary>
    public const string AcceptedForms =
        "always | recipients-all-in:DOMAINS | recipients-any-outside:DOMAINS | argument:NAME=VALUE " +
        "(DOMAINS: comma-separated domains such as acme.com, *.acme.com for subdomains, or the word workspace)";

    private const int MaxTextLength = 1000;

    /// <summary>The canonical text form, e.g. <c>recipients-all-in:acme.com</c>; <see cref="Parse"/> reads it back.</summary>
    public abstract string Text { get; }

    /// <summary>Whether this call satisfies the condition.</summary>
    public abstract bool IsMetBy(RuleCall call);

    /// <summary>Parses the text form (surrounding whitespace and spaces after commas are ignored; keywords are lower case).</summary>
    /// <exception cref="FormatException">Says what is wrong and what is accepted.</exception>
    public static RuleCondition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw Invalid(text, "is empty");
        }

        if (trimmed.Length > MaxTextLength)
        {
            throw Invalid(trimmed[..40] + "…", $"is longer than {MaxTextLength} characters");
        }

        if (trimmed == AlwaysCondition.Keyword)
        {
            return new AlwaysCondition();
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var keyword = colon < 0 ? trimmed : trimmed[..colon];
        var rest = colon < 0 ? null : trimmed[(colon + 1)..];
        switch (keyword)
        {
            case AlwaysCondition.Keyword:
                throw Invalid(trimmed, "has a value after 'always', which takes none");
            case RecipientsAllInCondition.Keyword:
                return new RecipientsAllInCondition(Domains(trimmed, rest));
            case RecipientsAnyOutsideCondition.Keyword:
                return new RecipientsAnyOutsideCondition(Domains(trimmed, rest));
            case ArgumentEqualsCondition.Keyword:
                return Argument(trimmed, rest);
            default:
                throw Invalid(trimmed, $"does not start with a known condition ('{Shorten(keyword)}' is none)");
        }
    }

    public sealed override string ToString() => Text;

    private static DomainSet Domains(string text, string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            throw Invalid(text, "lists no domain after the ':'");
        }

        try
        {
            return DomainSet.Parse(list);
        }
        catch (FormatException ex)
        {
            throw Invalid(text, ex.Message.TrimEnd('.'));
        }
    }

    private static ArgumentEqualsCondition Argument(string text, string? rest)
    {
        var equals = rest?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (rest is null || equals < 0)
        {
            throw Invalid(text, "needs NAME=VALUE after 'argument:', e.g. argument:send_updates=none");
        }

        var name = rest[..equals];
        if (!ArgumentName().IsMatch(name))
        {
            throw Invalid(text, $"names the argument '{Shorten(name)}', which is not a snake_case argument name such as send_updates");
        }

        if (name == IdempotencyKeys.ArgumentName)
        {
            throw Invalid(text, $"names {IdempotencyKeys.ArgumentName}, which rules never see (they are evaluated without it)");
        }

        return new ArgumentEqualsCondition(name, rest[(equals + 1)..]);
    }

    private static FormatException Invalid(string text, string problem) =>
        new($"Condition '{Shorten(text)}' {problem}. Accepted conditions: {AcceptedForms}.");

    private static string Shorten(string value) => value.Length <= 100 ? value : value[..100] + "…";

    // \z, not $: '$' would also accept a trailing newline.
    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ArgumentName();
}
