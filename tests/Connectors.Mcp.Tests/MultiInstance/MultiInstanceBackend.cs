namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>The database the three instances share.</summary>
public enum MultiInstanceBackend
{
    /// <summary>One SQLite file in one shared <c>--home</c> (several processes on one file): for developing the harness.</summary>
    Sqlite,

    /// <summary>A schema of its own on the test cluster, through <c>--database</c>: the setup CI runs.</summary>
    Postgres,
}
