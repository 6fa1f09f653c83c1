using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Microsoft;
using Connectors.Mcp.Sandbox.Zoom;

namespace Connectors.Mcp.Sandbox;

/// <summary>The provider families <c>--sandbox</c> runs: one line per family, like the connector registrations.</summary>
public static class SandboxFamilies
{
    /// <summary>How many loopback ports the families take from a port base: one each.</summary>
    public const int PortCount = 3;

    /// <summary>A new, unstarted instance of every family: on random ports, or on <paramref name="portBase"/>, +1, +2 when it is not 0.</summary>
    public static IReadOnlyList<ISandboxFamily> Create(TimeProvider time, int portBase = 0) =>
    [
        new GoogleSandboxFamily(time, Port(portBase, 0)),
        new MicrosoftSandboxFamily(time, Port(portBase, 1)),
        new ZoomSandboxFamily(time, Port(portBase, 2)),
    ];

    private static int Port(int portBase, int offset) => portBase == 0 ? 0 : portBase + offset;
}
