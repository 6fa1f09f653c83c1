using Connectors.Mcp.Google.Tests.TestSupport;

namespace Connectors.Mcp.Google.Tests.Faults;

/// <summary>The production pipeline with an attempt timeout short enough for "slow past the timeout" tests.</summary>
internal static class FaultPipelines
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long a slow fault holds the request: well past <see cref="AttemptTimeout"/>.</summary>
    public static readonly TimeSpan SlowerThanTimeout = TimeSpan.FromSeconds(30);

    public static GooglePipeline Create() => new(o => o.AttemptTimeout = AttemptTimeout);
}
