using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Microsoft;
using Connectors.Mcp.Sandbox.Zoom;

namespace Connectors.Mcp.Sandbox;

/// <summary>The provider families <c>--sandbox</c> runs: one line per family, like the connector registrations.</summary>
public static class SandboxFamilies
{
    /// <summary>A new, unstarted instance of every family.</summary>
    public static IReadOnlyList<ISandboxFamily> Create(TimeProvider time) =>
    [
        new GoogleSandboxFamily(time),
        new MicrosoftSandboxFamily(time),
        new ZoomSandboxFamily(time),
    ];
}
