using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Connectors.Tests.TestSupport;

/// <summary>A connector type of <paramref name="provider"/> with no actions: what the host's HTTP wiring sees of a type.</summary>
internal sealed class StubConnectorType(string type, string provider) : IConnectorType
{
    public string Type => type;

    public string DisplayName => type;

    public string Provider => provider;

    public string Description => "A stub connector type.";

    public IReadOnlyList<string> Scopes => [];

    public IReadOnlyList<string> SettingKeys => [];

    public IReadOnlyList<ConnectorAction> Actions => [];

    public IConnector Create(ConnectorContext context) => throw new NotSupportedException();
}
