using Connectors.Mcp.Storage.Postgres;

namespace Connectors.Mcp.Commands.Shared;

/// <summary>
/// Which database a command uses: <c>--database VALUE</c>, else <c>$CONNECTORS_MCP_DATABASE_URL</c>, else none (SQLite
/// in the home folder). A value must be a postgres URL or an Npgsql connection string; anything else is refused with a
/// message that names the problem and never repeats the value (it may hold a password). <c>--sandbox</c> always keeps
/// its own SQLite database: with <c>--database</c> it is refused, and the variable does not apply to it.
/// </summary>
internal static class DatabaseSelection
{
    public const string Variable = "CONNECTORS_MCP_DATABASE_URL";

    private const string Example = "postgres://USER:PASSWORD@HOST:5432/DATABASE (or Host=HOST;Username=USER;Password=PASSWORD;Database=DATABASE)";

    /// <summary>The PostgreSQL connection to use, or null for SQLite.</summary>
    /// <exception cref="UsageException">The value is not a PostgreSQL database, or <c>--database</c> came with <c>--sandbox</c>.</exception>
    public static string? Resolve(string? option, bool sandbox) =>
        Resolve(option, Environment.GetEnvironmentVariable(Variable), sandbox);

    public static string? Resolve(string? option, string? variable, bool sandbox)
    {
        if (option is not null && sandbox)
        {
            throw new UsageException("--sandbox keeps its own SQLite database in HOME/sandbox and cannot use --database; drop one of them.");
        }

        if (sandbox)
        {
            return null;
        }

        var (value, source) = option is not null ? (option, "--database") : (variable, $"${Variable}");
        if (string.IsNullOrWhiteSpace(value))
        {
            return option is not null
                ? throw new UsageException($"--database needs a value, e.g. {Example}; leave it out to use SQLite in the home folder.")
                : null;
        }

        if (!PostgresConnectionString.IsPostgres(value))
        {
            throw new UsageException($"{source} is not a PostgreSQL database{SchemeOf(value)}: give {Example}, or leave it unset to use SQLite in the home folder.");
        }

        try
        {
            PostgresConnectionString.Parse(value);
        }
        catch (FormatException ex)
        {
            // PostgresConnectionString's messages name the part that is wrong and never the password.
            throw new UsageException($"{source}: {ex.Message} Expected {Example}.");
        }

        return value.Trim();
    }

    /// <summary>" (it starts with mysql://)" for a URL of another scheme: the scheme is safe to show, the rest may not be.</summary>
    private static string SchemeOf(string value)
    {
        var separator = value.IndexOf("://", StringComparison.Ordinal);
        var scheme = separator > 0 ? value[..separator] : null;
        return scheme is not null && scheme.Length <= 20 && scheme.All(char.IsAsciiLetterOrDigit) ? $" (it starts with {scheme}://)" : "";
    }
}
