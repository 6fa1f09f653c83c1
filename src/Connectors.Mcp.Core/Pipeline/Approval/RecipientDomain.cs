using System.Globalization;
using System.Text;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;

namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>
/// The domain of a recipient address as the person approving a call must see it. An internationalised domain — one
/// with any letter outside ASCII, like <c>exаmple.com</c> with a Cyrillic <c>а</c> — can look exactly like a Latin one,
/// so the approver is shown its ASCII (punycode) form, <c>xn--exmple-4nf.com</c>, which is what mail servers and the
/// approval rules (<see cref="DomainNames"/>) compare, and a plain warning. The one place that decides what counts as
/// internationalised or mixed-script; summaries of every provider and the admin console use it.
/// </summary>
public sealed class RecipientDomain
{
    /// <summary>Letters of other scripts that are drawn like a Latin letter (a small, common subset of Unicode's confusables).</summary>
    private static readonly Dictionary<char, char> LatinLookAlikes = new()
    {
        // Cyrillic
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['ѕ'] = 's', ['і'] = 'i',
        ['ј'] = 'j', ['ԁ'] = 'd', ['һ'] = 'h', ['ӏ'] = 'l', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ѵ'] = 'v', ['ү'] = 'y',
        // Greek
        ['ο'] = 'o', ['α'] = 'a', ['ν'] = 'v', ['ρ'] = 'p', ['ι'] = 'i', ['υ'] = 'u',
        // Latin letters that pass for others
        ['ı'] = 'i', ['ɑ'] = 'a', ['ȷ'] = 'j', ['ɡ'] = 'g',
    };

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    private RecipientDomain(string ascii, string unicode, IReadOnlyList<string> scripts, bool isMixedScript, string? latinLookAlike)
    {
        Ascii = ascii;
        Unicode = unicode;
        Scripts = scripts;
        IsMixedScript = isMixedScript;
        LatinLookAlike = latinLookAlike;
    }

    /// <summary>The ASCII form, as rules compare it: lower case, internationalised labels as <c>xn--…</c>.</summary>
    public string Ascii { get; }

    /// <summary>The Unicode form, as a reader sees it (the same as <see cref="Ascii"/> for a plain ASCII domain).</summary>
    public string Unicode { get; }

    /// <summary>Whether any label is internationalised (written with letters outside ASCII, or as <c>xn--…</c>).</summary>
    public bool IsInternationalised => !string.Equals(Ascii, Unicode, StringComparison.Ordinal);

    /// <summary>The scripts of the domain's letters, e.g. Latin and Cyrillic.</summary>
    public IReadOnlyList<string> Scripts { get; }

    /// <summary>Whether one label mixes letters of more than one script (Latin <c>ex</c> + Cyrillic <c>а</c> + Latin <c>mple</c>).</summary>
    public bool IsMixedScript { get; }

    /// <summary>The all-ASCII domain it is drawn like (<c>example.com</c>), when every foreign letter is a known look-alike.</summary>
    public string? LatinLookAlike { get; }

    /// <summary>
    /// For an internationalised domain, the sentence the approver reads, e.g.
    /// <c>⚠ exаmple.com is an internationalised domain (xn--exmple-4nf.com), mixing Latin and Cyrillic letters; it is not example.com.</c>;
    /// <c>null</c> for a plain ASCII one.
    /// </summary>
    public string? Warning
    {
        get
        {
            if (!IsInternationalised)
            {
                return null;
            }

            var warning = new StringBuilder($"⚠ {Unicode} is an internationalised domain ({Ascii})");
            if (IsMixedScript)
            {
                warning.Append(", mixing ").Append(string.Join(" and ", Scripts)).Append(" letters");
            }

            return warning.Append(LatinLookAlike is { } lookAlike
                    ? $"; it is not {lookAlike}."
                    : "; check it letter by letter: it may look like a domain it is not.")
                .ToString();
        }
    }

    /// <summary>
    /// The domain of an address (after its last <c>@</c>), in the ASCII form of <see cref="DomainNames.DomainOf"/> — the
    /// very form the approval rules compare; <c>null</c> when there is none or it is not a domain name.
    /// </summary>
    public static RecipientDomain? Of(string address) => DomainNames.DomainOf(address) is { } ascii ? FromAscii(ascii) : null;

    /// <summary>A domain name in any form; <c>null</c> when it is not one (<see cref="DomainNames.TryNormalize"/>).</summary>
    public static RecipientDomain? Parse(string domain) => DomainNames.TryNormalize(domain, out var ascii) ? FromAscii(ascii) : null;

    private static RecipientDomain FromAscii(string ascii)
    {
        string unicode;
        try
        {
            unicode = Idn.GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            unicode = ascii; // an xn-- label that decodes to nothing valid: show it as it is
        }

        var scripts = new List<string>();
        var mixed = false;
        foreach (var label in unicode.Split('.'))
        {
            var labelScripts = label.Where(char.IsLetter).Select(ScriptOf).Distinct().ToList();
            mixed |= labelScripts.Count > 1;
            scripts.AddRange(labelScripts.Where(s => !scripts.Contains(s)));
        }

        var lookAlike = string.Concat(unicode.Select(c => LatinLookAlikes.GetValueOrDefault(c, c)));
        var latinLookAlike = lookAlike != unicode && lookAlike.All(char.IsAscii) ? lookAlike : null;
        return new RecipientDomain(ascii, unicode, scripts, mixed, latinLookAlike);
    }

    /// <summary>An address as the approver should read it: with an internationalised domain, its ASCII form beside it.</summary>
    public static string Annotate(string address) =>
        Of(address) is { IsInternationalised: true } domain ? $"{address} ({AsciiAddress(address, domain)})" : address;

    /// <summary>The address with its domain in ASCII form (<c>bob@xn--exmple-4nf.com</c>), as mail servers and rules see it.</summary>
    public static string AsciiAddress(string address, RecipientDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return address[..(address.LastIndexOf('@') + 1)] + domain.Ascii;
    }

    /// <summary>The internationalised domains among the addresses, once each, in the order they first appear.</summary>
    public static IReadOnlyList<RecipientDomain> InternationalisedAmong(IEnumerable<string> addresses)
    {
        var found = new List<RecipientDomain>();
        foreach (var address in addresses)
        {
            if (Of(address) is { IsInternationalised: true } domain && !found.Exists(d => d.Ascii == domain.Ascii))
            {
                found.Add(domain);
            }
        }

        return found;
    }

    /// <summary>The warning of each internationalised domain among the addresses, once each.</summary>
    public static IReadOnlyList<string> Warnings(IEnumerable<string> addresses) =>
        InternationalisedAmong(addresses).Select(d => d.Warning!).ToList();

    private static string ScriptOf(char c) => c switch
    {
        <= '\u024F' or (>= '\u1E00' and <= '\u1EFF') or (>= '\u2C60' and <= '\u2C7F') or (>= '\uA720' and <= '\uA7FF') => "Latin",
        (>= '\u0370' and <= '\u03FF') or (>= '\u1F00' and <= '\u1FFF') => "Greek",
        (>= '\u0400' and <= '\u052F') or (>= '\u1C80' and <= '\u1C8F') or (>= '\u2DE0' and <= '\u2DFF') or (>= '\uA640' and <= '\uA69F') => "Cyrillic",
        >= '\u0530' and <= '\u058F' => "Armenian",
        >= '\u0590' and <= '\u05FF' => "Hebrew",
        (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') => "Arabic",
        (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u9FFF') => "CJK",
        _ => "other",
    };
}
