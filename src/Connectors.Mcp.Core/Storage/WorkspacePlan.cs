namespace Connectors.Mcp.Core.Storage;

public enum WorkspacePlan
{
    Free,
    Pro,
    Enterprise,
}
