using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Auth;

namespace Connectors.Mcp.Microsoft.Tests.Auth;

public sealed class MicrosoftTokenRevokerTests
{
    [Fact]
    public async Task Revoke_IsRefusedWithAnExplanation_NeverSignsTheAccountOutEverywhere()
    {
        var revoker = new MicrosoftTokenRevoker();

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            revoker.RevokeAsync(ConnectorSettings.Empty, new OAuthTokens("access", "refresh", null), CancellationToken.None));

        Assert.Equal("microsoft", revoker.Provider);
        Assert.Contains("no way to revoke one app's grant", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh\"", error.Message, StringComparison.Ordinal);
    }
}
