namespace Connectors.Mcp.Commands.Shared;

/// <summary>
/// A secret given on the command line, or <c>-</c> to read it from standard input (one line each, in option order) so
/// it stays out of shell history and process listings. The value itself never reaches any message.
/// </summary>
internal static class SecretInput
{
    public const string FromStdin = "-";

    public static string? Read(string? value, string optionName, TextReader stdin)
    {
        if (value is null)
        {
            return null;
        }

        if (value == FromStdin)
        {
            value = stdin.ReadLine()
                ?? throw new UsageException($"{optionName} - reads the value from standard input, but standard input is empty.");
        }

        value = value.Trim();
        return value.Length == 0 ? throw new UsageException($"{optionName} must not be empty.") : value;
    }
}
