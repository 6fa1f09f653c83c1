namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// The schema of whichever storage backend the host chose (SQLite in the home folder, or PostgreSQL): the composition
/// root applies its migrations at start through this, never through a backend's own type, so the start is written once
/// for both.
/// </summary>
public interface IStorageMigrator
{
    /// <summary>Where the data lives, for messages: a file path, or <c>postgres://user@host:port/database</c> — never a password.</summary>
    string Description { get; }

    /// <summary>
    /// Applies the migrations the database has not had yet, each once, in order; safe when several processes start at
    /// once. Refuses a database a newer build migrated further.
    /// </summary>
    Task MigrateAsync(CancellationToken cancellationToken);
}
