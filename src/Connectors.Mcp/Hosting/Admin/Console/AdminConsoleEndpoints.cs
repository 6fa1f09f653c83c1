using Microsoft.AspNetCore.Routing;

namespace Connectors.Mcp.Hosting.Admin.Console;

/// <summary>The browser console at <c>/admin</c>: static files embedded in the executable (PLACEHOLDER: the console work fills it).</summary>
public static class AdminConsoleEndpoints
{
    public static IEndpointRouteBuilder MapAdminConsole(this IEndpointRouteBuilder endpoints) => endpoints;
}
