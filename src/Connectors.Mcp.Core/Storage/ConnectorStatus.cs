namespace Connectors.Mcp.Core.Storage;

/// <summary>Status of a workspace connector, as <c>connector list</c> and <c>list_connectors</c> show it.</summary>
public enum ConnectorStatus
{
    /// <summary>Has credentials and works; its tools are listed.</summary>
    Active,

    /// <summary>Turned off by a person; its tools are not listed.</summary>
    Disabled,

    /// <summary>Repeated failures; its tools are not listed until a success or <c>connector enable</c>.</summary>
    Error,

    /// <summary>No usable grant: its tools are listed and answer with how to reconnect.</summary>
    NeedsReauth,
}
