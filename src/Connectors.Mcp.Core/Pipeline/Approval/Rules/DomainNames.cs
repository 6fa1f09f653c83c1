using System.Globalization;

namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary>
/// Domain names as approval rules compare them: lower case, internationalised names in their ASCII (punycode) form, so
/// that a look-alike written with other letters (Cyrillic <c>а</c> in <c>аcme.com</c>) is a different domain, never equal.
/// The approver is shown the same ASCII form, with a warning (<see cref="RecipientDomain"/>, built on this).
/// </summary>
public static class DomainNames
{
    private const int MaxLength = 253;
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The canonical form of a domain such as <c>Acme.COM</c> → <c>acme.com</c>; <c>false</c> when it is not one.</summary>
    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(value.ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            return false;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || !labels.All(IsLabel) || labels[^1].All(char.IsAsciiDigit))
        {
            return false;
        }

        normalized = ascii;
        return true;
    }

    /// <summary>The canonical form, or an <see cref="ArgumentException"/> that names the value.</summary>
    public static string Normalize(string value, string parameterName) =>
        TryNormalize(value, out var normalized)
            ? normalized
            : throw new ArgumentException($"'{value}' is not a domain name such as acme.com.", parameterName);

    /// <summary>The canonical domain of an address: the part after its last <c>@</c>; <c>null</c> when there is none or it is not a domain.</summary>
    public static string? DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && TryNormalize(address[(at + 1)..], out var domain) ? domain : null;
    }

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 63
        && !label.StartsWith('-') && !label.EndsWith('-')
        && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
