namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary>
/// The <c>DOMAINS</c> of a recipient condition: a comma list of domains (<c>acme.com</c>, matched exactly), subdomain
/// wildcards (<c>*.acme.com</c>: <c>eu.acme.com</c>, <c>a.b.acme.com</c>, not <c>acme.com</c> itself) and the word
/// <c>workspace</c> (the workspace's own domains at the time of the call).
/// </summary>
public sealed class DomainSet : IEquatable<DomainSet>
{
    public const string WorkspaceWord = "workspace";

    private DomainSet(IReadOnlyList<string> entries)
    {
        Entries = entries;
        Text = string.Join(',', entries);
    }

    /// <summary>The canonical entries, in the order given, without duplicates.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The canonical comma list, e.g. <c>acme.com,*.acme.com,workspace</c>.</summary>
    public string Text { get; }

    /// <summary>Parses a comma list; throws <see cref="FormatException"/> naming the entry that is not a domain.</summary>
    public static DomainSet Parse(string list)
    {
        var entries = new List<string>();
        foreach (var raw in list.Split(','))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                throw new FormatException("The domain list has an empty entry; write domains separated by commas, e.g. acme.com,acme.io.");
            }

            string canonical;
            if (string.Equals(entry, WorkspaceWord, StringComparison.OrdinalIgnoreCase))
            {
                canonical = WorkspaceWord;
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal) && DomainNames.TryNormalize(entry[2..], out var parent))
            {
                canonical = "*." + parent;
            }
            else if (DomainNames.TryNormalize(entry.StartsWith('@') ? entry[1..] : entry, out var domain))
            {
                canonical = domain;
            }
            else
            {
                throw new FormatException($"'{entry}' is not a domain: use a name such as acme.com, a wildcard such as *.acme.com for its subdomains, or the word workspace.");
            }

            if (!entries.Contains(canonical, StringComparer.Ordinal))
            {
                entries.Add(canonical);
            }
        }

        return new DomainSet(entries);
    }

    /// <summary>Whether a canonical domain (see <see cref="DomainNames.DomainOf"/>) is in the set; <c>null</c> never is.</summary>
    public bool Contains(string? domain, IReadOnlyList<string> workspaceDomains)
    {
        if (domain is null)
        {
            return false;
        }

        foreach (var entry in Entries)
        {
            if (entry == WorkspaceWord)
            {
                if (workspaceDomains.Any(w => DomainNames.TryNormalize(w, out var own) && own == domain))
                {
                    return true;
                }
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                // ".acme.com" as a suffix: eu.acme.com matches, evilacme.com and acme.com.evil.com do not.
                if (domain.EndsWith(entry[1..], StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (entry == domain)
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(DomainSet? other) => other is not null && Text == other.Text;

    public override bool Equals(object? obj) => Equals(obj as DomainSet);

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;
}
