using System.CommandLine;

namespace Connectors.Mcp.Commands.Shared;

/// <summary><c>--home DIR</c> and <c>--sandbox</c>: recursive, so they are accepted anywhere on the line.</summary>
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

    public Option<bool> Sandbox { get; } = new("--sandbox")
    {
        Description = "Use HOME/sandbox instead, so nothing touches real workspaces.",
        Recursive = true,
    };
}
