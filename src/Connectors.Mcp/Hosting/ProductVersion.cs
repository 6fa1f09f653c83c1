using System.Reflection;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// The version of this build as the package carries it (the csproj's <c>Version</c>, e.g. <c>0.1.0</c> or
/// <c>0.2.0-beta.1</c>; no commit suffix): what <c>--version</c> prints and the MCP <c>serverInfo.version</c>.
/// </summary>
public static class ProductVersion
{
    public static string Current { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
