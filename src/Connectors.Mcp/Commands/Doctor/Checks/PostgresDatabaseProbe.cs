using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres;
using Npgsql;

namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>
/// The database check for a PostgreSQL database (<c>--database</c> / <c>$CONNECTORS_MCP_DATABASE_URL</c>): it can be
/// reached with the given credentials and its schema is this build's. Read only: nothing is created or migrated. The
/// findings name the database as <c>postgres://user@host:port/database</c> and never carry the password.
/// </summary>
internal static class PostgresDatabaseProbe
{
    public static async Task<DoctorFinding> CheckAsync(string name, DoctorContext context, string connection, CancellationToken cancellationToken)
    {
        var password = PostgresConnectionString.Parse(connection).Password;
        await using var database = new PostgresDatabase(connection, TimeProvider.System);
        var where = database.Description;
        int applied;
        try
        {
            applied = await database.SchemaVersionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return DoctorFinding.Fail(name, $"{where} cannot be reached: {Scrub(Reason(ex), password)}", "check the host, port, user, password and that the database exists (psql with the same settings)");
        }

        var known = EmbeddedMigrations.Load(typeof(PostgresDatabase).Assembly).Count;
        if (applied > known)
        {
            return DoctorFinding.Fail(name, $"{where} has schema version {applied}, newer than this build knows ({known}): a newer connectors-mcp migrated it, and this one will not touch it.", "run the newer connectors-mcp on this machine too");
        }

        if (applied < known)
        {
            return DoctorFinding.Fail(name, $"{where} has schema version {applied}; this build's is {known}. Any command applies the missing migrations (under a lock, safe while other instances run), e.g.", CliInstructions.WorkspaceList);
        }

        context.DatabaseReady = true;
        return DoctorFinding.Ok(name, $"{where} is reachable; schema version {applied} is current.");
    }

    private static string Reason(Exception ex) => ex is PostgresException postgres
        ? $"{postgres.SqlState} {postgres.MessageText}"
        : string.Join(' ', (ex.InnerException?.Message ?? ex.Message).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The driver's messages do not quote the password; this makes sure of it.</summary>
    private static string Scrub(string message, string? password) =>
        string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
}
