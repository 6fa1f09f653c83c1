using System.Security.Claims;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Hosting;

namespace Connectors.Mcp.Tests.Hosting;

/// <summary>
/// What a request is bound to: the workspace and scope its credential names (HTTP) or the process was started for
/// (stdio). Fails closed: a workspace without a scope is refused, never widened to every tool.
/// </summary>
public sealed class SessionWorkspaceTests
{
    [Theory]
    [InlineData(false, "", null)]
    [InlineData(true, "", null)]
    [InlineData(true, "gmail_*,*_list_*", null)]
    [InlineData(false, "", ToolMode.Discovery)]
    [InlineData(true, "gmail_*", ToolMode.All)]
    public void Claims_CarryTheScope_AndTheSessionResolvesIt(bool readOnly, string patterns, ToolMode? mode)
    {
        var scope = ToolScope.Create(readOnly, ToolScope.SplitPatterns(patterns), mode);
        var user = WorkspaceClaims.For("ws_1", "acme", "key_1", scope);

        var binding = new SessionWorkspace(null, null).Resolve(Context(user));

        Assert.Equal(new SessionBinding("ws_1", scope), binding);
        Assert.Equal("key_1", user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
    }

    [Fact]
    public void SingleWorkspaceClaims_NameTheWorkspaceAsTheSessionUser()
    {
        var user = WorkspaceClaims.For("ws_1", "acme", null, ToolScope.Full);

        Assert.Equal("ws_1", user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("read_only=2;tools=")]
    [InlineData("read_only=1")]
    [InlineData("read_only=0;tools=gmail send")]
    [InlineData("read_only=0;tools=;mode=everything")]
    [InlineData("read_only=0;tools=gmail_*;mode=")]
    public void WorkspaceWithoutAValidScope_IsRefused_EvenWithAFixedScopeToFallBackOn(string? scopeClaim)
    {
        var claims = new List<Claim> { new(WorkspaceClaims.WorkspaceId, "ws_1") };
        if (scopeClaim is not null)
        {
            claims.Add(new Claim(WorkspaceClaims.Scope, scopeClaim));
        }

        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, WorkspaceClaims.AuthenticationType));

        Assert.Null(WorkspaceClaims.FindScope(user));
        var error = Assert.Throws<InvalidOperationException>(() => new SessionWorkspace("ws_1", ToolScope.Full).Resolve(Context(user)));
        Assert.Contains("no tool scope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdio_UsesTheFixedWorkspaceAndScope_AndRefusesAMissingScope()
    {
        var readOnly = ToolScope.Create(true, null);

        Assert.Equal(new SessionBinding("ws_1", readOnly), new SessionWorkspace("ws_1", readOnly).Resolve(Context(null)));
        Assert.Throws<InvalidOperationException>(() => new SessionWorkspace("ws_1", null).Resolve(Context(null)));
        Assert.Throws<InvalidOperationException>(() => new SessionWorkspace(null, readOnly).Resolve(Context(null)));
    }

    private static ClaimsPrincipal? Context(ClaimsPrincipal? user) => user;
}
