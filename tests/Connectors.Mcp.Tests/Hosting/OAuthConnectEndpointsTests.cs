using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Hosting;
using Connectors.Mcp.OAuth;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Tests.Hosting;

public sealed class OAuthConnectEndpointsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData("https://mcp.example.com", "https://mcp.example.com/oauth/callback")]
    [InlineData("https://mcp.example.com/", "https://mcp.example.com/oauth/callback")]
    [InlineData("https://example.com/connectors/", "https://example.com/connectors/oauth/callback")]
    [InlineData("http://127.0.0.1:5100", "http://127.0.0.1:5100/oauth/callback")]
    public void RedirectUri_FromThePublicUrl_WhenSet(string? publicUrl, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 5100);

        var redirect = OAuthConnectEndpoints.RedirectUri(context.Request, OAuthConnectEndpoints.ReadPublicUrl(publicUrl));

        Assert.Equal(expected ?? "http://localhost:5100/oauth/callback", redirect.AbsoluteUri);
    }

    [Theory]
    [InlineData("mcp.example.com")]
    [InlineData("ftp://mcp.example.com")]
    [InlineData("https://mcp.example.com/?x=1")]
    [InlineData("https://mcp.example.com/#top")]
    public void ReadPublicUrl_NotABaseUrl_RefusesToStart(string value)
    {
        var error = Assert.Throws<CommandRefusedException>(() => OAuthConnectEndpoints.ReadPublicUrl(value));

        Assert.Contains(OAuthConnectEndpoints.PublicUrlVariable, error.Message);
    }

    [Theory]
    [InlineData(OAuthConnectError.NoOAuthClient, "no_oauth_client")]
    [InlineData(OAuthConnectError.StateAlreadyUsed, "state_already_used")]
    [InlineData(OAuthConnectError.AccessDenied, "access_denied")]
    public void ErrorCode_IsSnakeCase(OAuthConnectError error, string expected) => Assert.Equal(expected, ConnectMessages.Code(error));

    [Fact]
    public void ResultPage_EncodesTheMessage_AndLoadsNothing()
    {
        var html = OAuthResultPage.Render("Not connected", "<script>alert(1)</script> & more");

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
    }
}
