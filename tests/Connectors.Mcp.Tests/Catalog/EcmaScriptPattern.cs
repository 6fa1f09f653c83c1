using System.Text.RegularExpressions;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// A conservative check that a schema <c>pattern</c> means the same to the server (.NET <see cref="Regex"/>, through
/// JsonSchema.Net) and to clients that compile schemas with Ajv, which uses <c>new RegExp(pattern, "u")</c>:
/// ECMAScript syntax in unicode mode, where unknown escapes, lone braces and .NET-only constructs are errors.
/// </summary>
internal static class EcmaScriptPattern
{
    private const string SyntaxCharacters = @"^$\.*+?()[]{}|/";

    /// <summary>What is wrong with <paramref name="pattern"/>, one line each; empty when both engines accept it.</summary>
    public static IReadOnlyList<string> Problems(string pattern)
    {
        var problems = new List<string>();
        Scan(pattern, problems);
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            problems.Add($".NET cannot compile it: {ex.Message}");
        }

        return problems;
    }

    private static void Scan(string s, List<string> problems)
    {
        var i = 0;
        var depth = 0;
        var canRepeat = false;
        while (i < s.Length)
        {
            var c = s[i];
            switch (c)
            {
                case '\\':
                    var assertion = i + 1 < s.Length && s[i + 1] is 'b' or 'B';
                    i = Escape(s, i, inClass: false, problems);
                    canRepeat = !assertion;
                    break;
                case '[':
                    i = CharacterClass(s, i, problems);
                    canRepeat = true;
                    break;
                case '(':
                    i = GroupOpening(s, i, problems);
                    depth++;
                    canRepeat = false;
                    break;
                case ')':
                    if (--depth < 0)
                    {
                        problems.Add($"')' at {i} closes no group.");
                        depth = 0;
                    }

                    i++;
                    canRepeat = true;
                    break;
                case '*' or '+' or '?':
                    i = Quantifier(s, i, i + 1, canRepeat, problems);
                    canRepeat = false;
                    break;
                case '{':
                    if (BraceQuantifierEnd(s, i) is { } end)
                    {
                        i = Quantifier(s, i, end, canRepeat, problems);
                        canRepeat = false;
                    }
                    else
                    {
                        problems.Add($"lone '{{' at {i}: write \\{{ (ECMAScript's unicode mode rejects a brace that is not a quantifier).");
                        i++;
                        canRepeat = true;
                    }

                    break;
                case '}' or ']':
                    problems.Add($"lone '{c}' at {i}: write \\{c} (ECMAScript's unicode mode rejects it).");
                    i++;
                    canRepeat = true;
                    break;
                case '|' or '^' or '$':
                    i++;
                    canRepeat = false;
                    break;
                default:
                    i++;
                    canRepeat = true;
                    break;
            }
        }

        if (depth > 0)
        {
            problems.Add($"{depth} group(s) not closed.");
        }
    }

    /// <summary>Handles a quantifier spanning [start, end) and an optional lazy '?'; returns the index after it.</summary>
    private static int Quantifier(string s, int start, int end, bool canRepeat, List<string> problems)
    {
        if (!canRepeat)
        {
            problems.Add($"quantifier '{s[start..end]}' at {start} has nothing to repeat (possessive quantifiers such as a++ or a*+ are .NET/PCRE-only; quantified assertions fail in unicode mode).");
        }

        return end < s.Length && s[end] == '?' ? end + 1 : end;
    }

    /// <summary>The index after <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> starting at <paramref name="i"/>; null when it is not one.</summary>
    private static int? BraceQuantifierEnd(string s, int i)
    {
        var match = Regex.Match(s[i..], @"^\{[0-9]+(,[0-9]*)?\}");
        return match.Success ? i + match.Length : null;
    }

    private static int GroupOpening(string s, int i, List<string> problems)
    {
        if (i + 1 >= s.Length || s[i + 1] != '?')
        {
            return i + 1;
        }

        var rest = s[(i + 2)..];
        if (rest.StartsWith(':') || rest.StartsWith('=') || rest.StartsWith('!'))
        {
            return i + 3;
        }

        if (rest.StartsWith("<=", StringComparison.Ordinal) || rest.StartsWith("<!", StringComparison.Ordinal))
        {
            return i + 4;
        }

        var named = Regex.Match(rest, @"^<[A-Za-z_$][A-Za-z0-9_$]*>");
        if (named.Success)
        {
            return i + 2 + named.Length;
        }

        problems.Add($"group '{s[i..Math.Min(s.Length, i + 4)]}' at {i} is not ECMAScript: inline options (?i), atomic groups (?>…), conditionals (?(…) and (?'name'…) are .NET-only.");
        return i + 2;
    }

    private static int CharacterClass(string s, int i, List<string> problems)
    {
        var j = i + 1;
        if (j < s.Length && s[j] == '^')
        {
            j++;
        }

        while (j < s.Length && s[j] != ']')
        {
            if (s[j] == '\\')
            {
                j = Escape(s, j, inClass: true, problems);
                continue;
            }

            if (s[j] == '-' && j + 1 < s.Length && s[j + 1] == '[')
            {
                problems.Add($"'-[' at {j}: character class subtraction is .NET-only.");
            }

            j++;
        }

        if (j >= s.Length)
        {
            problems.Add($"character class opened at {i} is not closed.");
            return j;
        }

        return j + 1;
    }

    /// <summary>Checks the escape at <paramref name="i"/> (a backslash) against ECMAScript's unicode mode; returns the index after it.</summary>
    private static int Escape(string s, int i, bool inClass, List<string> problems)
    {
        if (i + 1 >= s.Length)
        {
            problems.Add("trailing backslash.");
            return s.Length;
        }

        var e = s[i + 1];
        var after = i + 2;
        string? problem = null;
        switch (e)
        {
            case var _ when SyntaxCharacters.Contains(e):
            case 'f' or 'n' or 'r' or 't' or 'v' or 'd' or 'D' or 's' or 'S' or 'w' or 'W' or 'b':
                break;
            case '-':
                problem = inClass ? null : "\\- is only valid inside a character class in unicode mode";
                break;
            case 'B':
                problem = inClass ? "\\B inside a character class" : null;
                break;
            case '0':
                problem = after < s.Length && char.IsAsciiDigit(s[after]) ? "octal escapes are not allowed in unicode mode" : null;
                break;
            case >= '1' and <= '9':
                while (after < s.Length && char.IsAsciiDigit(s[after]))
                {
                    after++;
                }

                problem = inClass ? "a numbered escape inside a character class (octal) is not allowed in unicode mode" : null;
                break;
            case 'c':
                problem = after < s.Length && char.IsAsciiLetter(s[after]) ? null : "\\c must be followed by a letter";
                after++;
                break;
            case 'x':
                problem = Hex(s, after, 2) ? null : "\\x needs two hex digits";
                after += 2;
                break;
            case 'u':
                var braced = Regex.Match(s[after..], @"^\{[0-9A-Fa-f]{1,6}\}");
                if (braced.Success)
                {
                    after += braced.Length;
                }
                else
                {
                    problem = Hex(s, after, 4) ? null : "\\u needs four hex digits or {…}";
                    after += 4;
                }

                break;
            case 'p' or 'P':
                var property = Regex.Match(s[after..], @"^\{[A-Za-z_]+(=[A-Za-z_]+)?\}");
                problem = !property.Success ? "\\p needs {Name}"
                    : property.Value.StartsWith("{Is", StringComparison.Ordinal) ? ".NET block names (\\p{IsGreek}) are not ECMAScript properties"
                    : null;
                after += property.Success ? property.Length : 0;
                break;
            case 'k':
                var name = Regex.Match(s[after..], @"^<[A-Za-z_$][A-Za-z0-9_$]*>");
                problem = !inClass && name.Success ? null : "\\k must name a group: \\k<name>";
                after += name.Success ? name.Length : 0;
                break;
            case 'A' or 'Z' or 'z' or 'G':
                problem = $"\\{e} is a .NET-only anchor (use ^ and $)";
                break;
            default:
                problem = $"\\{e} is not an ECMAScript escape in unicode mode (Ajv compiles patterns with the u flag)";
                break;
        }

        if (problem is not null)
        {
            problems.Add($"{problem} (at {i}).");
        }

        return Math.Min(after, s.Length);
    }

    private static bool Hex(string s, int start, int count) =>
        start + count <= s.Length && s.AsSpan(start, count).ToString().All(char.IsAsciiHexDigit);
}
