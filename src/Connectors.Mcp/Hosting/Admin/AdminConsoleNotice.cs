using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// The start-up line that says where the console is. With <c>--sandbox</c> a fresh admin token named <c>sandbox</c> is
/// created and shown (the sandbox is a local demo; a real server's tokens are shown only by <c>admin token create</c>);
/// the server revokes it when it stops, so sandbox tokens do not pile up valid across restarts.
/// </summary>
public static class AdminConsoleNotice
{
    public const string SandboxTokenName = "sandbox";

    /// <summary>The line to print, and the id of the sandbox token created for it (<c>null</c> without <c>--sandbox</c>).</summary>
    public static async Task<(string Text, string? SandboxTokenId)> ForAsync(IServiceProvider services, Uri baseUrl, bool sandbox, CancellationToken cancellationToken)
    {
        var console = baseUrl.GetLeftPart(UriPartial.Authority) + AdminPaths.Root;
        if (!sandbox)
        {
            return ($"Admin console: {console} (sign in with an admin token; create a token with {CliInstructions.AdminTokenCreate}).", null);
        }

        var issued = await services.GetRequiredService<IAdminTokenStore>().CreateAsync(SandboxTokenName, OperatorActor.Server, cancellationToken);
        return ($"Admin console: {console} (sign in with admin token {issued.Secret})", issued.Token.Id);
    }
}
