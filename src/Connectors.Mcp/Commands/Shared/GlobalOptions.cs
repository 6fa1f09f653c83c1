using System.CommandLine;

namespace Connectors.Mcp.Commands.Shared;

/// <summary><c>--home DIR</c>, <c>--database VALUE</c> and <c>--sandbox</c>: recursive, so they are accepted anywhere on the line.</summary>
internal sealed class GlobalOptions
{
    public GlobalOptions()
    {
        // A blank folder would resolve to nothing (the process's working folder at best): refuse it as a usage error.
        Home.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && string.IsNullOrWhiteSpace(value))
            {
                result.AddError("--home needs a folder, e.g. --home ~/.connectors-mcp (or leave it out for the default).");
            }
        });
    }

    public Option<string?> Home { get; } = new("--home")
    {
        Description = "State folder (connectors.db, master.key). Default: $CONNECTORS_MCP_HOME, else ~/.connectors-mcp.",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<string?> Database { get; } = new("--database")
    {
        Description = "PostgreSQL database shared by several instances: postgres://user:password@host:5432/db or an Npgsql connection string. Default: $CONNECTORS_MCP_DATABASE_URL, else SQLite in the home folder.",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<bool> Sandbox { get; } = new("--sandbox")
    {
        Description = "Use HOME/sandbox instead, so nothing touches real workspaces.",
        Recursive = true,
    };
}
