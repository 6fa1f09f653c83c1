using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// What <c>--database</c> / <c>$CONNECTORS_MCP_DATABASE_URL</c> may say: a URL
/// (<c>postgres://user:password@host:5432/database?sslmode=require</c>, also <c>postgresql://</c>) or an Npgsql
/// connection string (<c>Host=…;Username=…;Password=…;Database=…</c>). Query parameters of a URL are Npgsql keywords
/// (<c>sslmode</c>, <c>pooling</c>, <c>maxpoolsize</c>…).
/// </summary>
public static class PostgresConnectionString
{
    private const int DefaultPort = 5432;

    /// <summary>Whether <paramref name="value"/> names a PostgreSQL database (a postgres URL or a connection string with a host).</summary>
    public static bool IsPostgres(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || value.Contains("host=", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Npgsql builder for <paramref name="value"/>, with <c>Application Name</c> set when it says none.</summary>
    /// <exception cref="FormatException">The value is neither a postgres URL nor a valid connection string; the message names the part that is wrong, never the password.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var builder = value.Contains("://", StringComparison.Ordinal) ? FromUrl(value.Trim()) : FromKeywords(value);
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new FormatException("The PostgreSQL connection names no host.");
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "connectors-mcp";
        }

        return builder;
    }

    /// <summary><c>host:port/database</c> with the user but never the password, for logs and <c>doctor</c>.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"postgres://{(string.IsNullOrEmpty(builder.Username) ? "" : Uri.EscapeDataString(builder.Username) + "@")}{builder.Host}:{builder.Port}/{builder.Database}";

    private static NpgsqlConnectionStringBuilder FromUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || !(uri.Scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase) || uri.Scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FormatException("The database URL must start with postgres:// or postgresql:// and be a valid URL.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port <= 0 ? DefaultPort : uri.Port,
        };
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var setting = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                builder[key] = setting;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
            {
                throw new FormatException($"The database URL's parameter '{key}' is not a setting Npgsql accepts ({ex.GetType().Name}).");
            }
        }

        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromKeywords(string value)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(value);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // The exception's message may quote the value, password included.
            throw new FormatException($"The PostgreSQL connection string is not valid: a keyword or value is wrong ({ex.GetType().Name}).");
        }
    }
}
