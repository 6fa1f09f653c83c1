namespace Connectors.Mcp.Tests.Vocabulary;

/// <summary>
/// Just enough of a C# lexer to tell string literals from code: finds every literal (regular, verbatim, interpolated
/// with their holes, raw) and returns the source with literals and comments blanked, so parentheses can be matched in
/// the code alone.
/// </summary>
internal sealed class CSharpLiterals
{
    private readonly string _source;
    private readonly char[] _code;
    private readonly List<SourceLiteral> _literals = [];
    private int _at;

    private CSharpLiterals(string source)
    {
        _source = source;
        _code = source.ToCharArray();
    }

    public static (string Code, IReadOnlyList<SourceLiteral> Literals) Scan(string source)
    {
        var lexer = new CSharpLiterals(source);
        lexer.Code(insideHole: false);
        return (new string(lexer._code), lexer._literals);
    }

    private char At(int offset = 0) => _at + offset < _source.Length ? _source[_at + offset] : '\0';

    private void Code(bool insideHole)
    {
        var depth = 0;
        while (_at < _source.Length)
        {
            var c = At();
            if (c == '/' && At(1) == '/')
            {
                var start = _at;
                while (_at < _source.Length && At() != '\n')
                {
                    _at++;
                }

                Blank(start, _at);
            }
            else if (c == '/' && At(1) == '*')
            {
                var start = _at;
                var end = _source.IndexOf("*/", _at + 2, StringComparison.Ordinal);
                _at = end < 0 ? _source.Length : end + 2;
                Blank(start, _at);
            }
            else if (c == '\'')
            {
                _at += At(1) == '\\' ? 3 : 2; // the quote and the character, or the quote, the backslash and what it escapes
                while (_at < _source.Length && At() != '\'')
                {
                    _at++;
                }

                _at++;
            }
            else if (StringPrefix() is { } prefix)
            {
                String(prefix.Length, prefix.Interpolated, prefix.Verbatim);
            }
            else if (c == '{')
            {
                depth++;
                _at++;
            }
            else if (c == '}')
            {
                if (insideHole && depth == 0)
                {
                    return;
                }

                depth--;
                _at++;
            }
            else
            {
                _at++;
            }
        }
    }

    private (int Length, bool Interpolated, bool Verbatim)? StringPrefix()
    {
        var i = 0;
        var dollars = 0;
        var verbatim = false;
        while (At(i) is '$' or '@')
        {
            dollars += At(i) == '$' ? 1 : 0;
            verbatim |= At(i) == '@';
            i++;
        }

        return At(i) == '"' ? (i, dollars > 0, verbatim) : null;
    }

    private void String(int prefixLength, bool interpolated, bool verbatim)
    {
        var start = _at;
        _at += prefixLength;
        var quotes = 0;
        while (At(quotes) == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            // Raw string: ends at the same run of quotes (holes are not looked into).
            var fence = new string('"', quotes);
            var end = _source.IndexOf(fence, _at + quotes, StringComparison.Ordinal);
            var contentEnd = end < 0 ? _source.Length : end;
            _literals.Add(new SourceLiteral(start, _source[(_at + quotes)..contentEnd], interpolated));
            _at = end < 0 ? _source.Length : end + quotes;
            Blank(start, _at);
            return;
        }

        _at++; // opening quote
        var content = _at;
        while (_at < _source.Length)
        {
            var c = At();
            if (!verbatim && c == '\\')
            {
                _at += 2;
            }
            else if (c == '"' && verbatim && At(1) == '"')
            {
                _at += 2;
            }
            else if (c == '"')
            {
                break;
            }
            else if (interpolated && c == '{' && At(1) == '{')
            {
                _at += 2;
            }
            else if (interpolated && c == '{')
            {
                _at++;
                Code(insideHole: true);
                _at++; // the hole's closing brace
            }
            else
            {
                _at++;
            }
        }

        _literals.Add(new SourceLiteral(start, _source[content..Math.Min(_at, _source.Length)], interpolated));
        _at++; // closing quote
        Blank(start, Math.Min(_at, _source.Length));
    }

    private void Blank(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (_code[i] is not '\n' and not '\r')
            {
                _code[i] = ' ';
            }
        }
    }
}
