namespace Connectors.Mcp.Core.Storage;

/// <summary>The wire and database spelling of <see cref="ConnectorStatus"/> (snake_case).</summary>
public static class ConnectorStatusNames
{
    public static string ToName(this ConnectorStatus status) => status switch
    {
        ConnectorStatus.Active => "active",
        ConnectorStatus.Disabled => "disabled",
        ConnectorStatus.Error => "error",
        ConnectorStatus.NeedsReauth => "needs_reauth",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ConnectorStatus Parse(string name) => name switch
    {
        "active" => ConnectorStatus.Active,
        "disabled" => ConnectorStatus.Disabled,
        "error" => ConnectorStatus.Error,
        "needs_reauth" => ConnectorStatus.NeedsReauth,
        _ => throw new FormatException($"Unknown connector status '{name}'."),
    };
}
