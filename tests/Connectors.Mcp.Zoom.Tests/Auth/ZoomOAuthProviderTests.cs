using Connectors.Mcp.Zoom.Auth;

namespace Connectors.Mcp.Zoom.Tests.Auth;

public sealed class ZoomOAuthProviderTests
{
    private readonly ZoomOAuthProvider _provider = new();

    [Fact]
    public void Endpoints_AreZooms_AndTheClientUsesBasic()
    {
        Assert.Equal("zoom", _provider.Provider);
        Assert.Equal("https://zoom.us/oauth/authorize", _provider.AuthorizationEndpoint.AbsoluteUri);
        Assert.Equal("https://zoom.us/oauth/token", _provider.TokenEndpoint.AbsoluteUri);
        Assert.True(((Core.OAuth.IOAuthProvider)_provider).UsesBasicClientAuthentication);
    }

    [Theory]
    [InlineData("meeting:write", "meeting:write", true)]
    [InlineData("meeting:write", "meeting:write:admin", true)]
    [InlineData("meeting:write", "meeting:write:meeting meeting:update:meeting", true)]
    [InlineData("meeting:read", "meeting:read:list_meetings", true)]
    [InlineData("meeting:write", "meeting:read", false)]
    [InlineData("meeting:read", "user:read", false)]
    public void ClassicAndGranularScopes_CoverWhatTheTypeAsksFor(string requested, string granted, bool expected) =>
        Assert.Equal(expected, _provider.IsGranted(requested, granted.Split(' ')));
}
