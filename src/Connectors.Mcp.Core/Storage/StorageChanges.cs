namespace Connectors.Mcp.Core.Storage;

/// <summary>What a poller waits to hear about (<see cref="IStorageChangeSignal"/>): the tables its readings come from.</summary>
[Flags]
public enum StorageChanges
{
    None = 0,

    /// <summary>Workspaces, whose catalog version every catalog change moves (connectors, policies, limits, tool modes…).</summary>
    Workspaces = 1,

    /// <summary>Connector instances: status, credential state, last sync and error, published actions.</summary>
    Connectors = 2,

    /// <summary>Approvals: queued, decided, run.</summary>
    Approvals = 4,

    All = Workspaces | Connectors | Approvals,
}
