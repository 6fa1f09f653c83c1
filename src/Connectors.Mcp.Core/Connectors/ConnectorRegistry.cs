namespace Connectors.Mcp.Core.Connectors;

/// <summary>The connector types this build knows, by type key.</summary>
public sealed class ConnectorRegistry
{
    private readonly Dictionary<string, IConnectorType> _types;

    public ConnectorRegistry(IEnumerable<IConnectorType> types)
    {
        _types = new Dictionary<string, IConnectorType>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (!_types.TryAdd(type.Type, type))
            {
                throw new InvalidOperationException($"Connector type '{type.Type}' is registered twice.");
            }
        }
    }

    public IReadOnlyCollection<IConnectorType> Types => _types.Values;

    public IConnectorType? Find(string type) => _types.GetValueOrDefault(type);
}
