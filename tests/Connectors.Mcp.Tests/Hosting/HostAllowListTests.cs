using Connectors.Mcp.Hosting;

namespace Connectors.Mcp.Tests.Hosting;

public sealed class HostAllowListTests
{
    private readonly HostAllowList _loopback = new([new Uri("http://127.0.0.1:5100")], []);

    [Theory]
    [InlineData("127.0.0.1:5100")]
    [InlineData("localhost:5100")]
    [InlineData("localhost")]
    [InlineData("[::1]:5100")]
    public void IsAllowedHost_Loopback_Allowed(string host) => Assert.True(_loopback.IsAllowedHost(host));

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("evil.example.com:5100")]
    [InlineData("127.0.0.1.evil.example.com")]
    [InlineData("")]
    [InlineData(null)]
    public void IsAllowedHost_Foreign_Refused(string? host) => Assert.False(_loopback.IsAllowedHost(host));

    [Theory]
    [InlineData("http://localhost:6274")]
    [InlineData("http://127.0.0.1:5100")]
    [InlineData(null)]
    public void IsAllowedOrigin_LocalOrAbsent_Allowed(string? origin) => Assert.True(_loopback.IsAllowedOrigin(origin));

    [Theory]
    [InlineData("http://evil.example.com")]
    [InlineData("null")]
    [InlineData("file://")]
    [InlineData("http://localhost.evil.example.com")]
    public void IsAllowedOrigin_Foreign_Refused(string origin) => Assert.False(_loopback.IsAllowedOrigin(origin));

    [Fact]
    public void ExtraHosts_AreAllowed()
    {
        var list = new HostAllowList([new Uri("http://0.0.0.0:5100")], ["mcp.internal.example"]);
        Assert.True(list.IsAllowedHost("mcp.internal.example:5100"));
        Assert.False(list.IsAllowedHost("0.0.0.0:5100"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5100", true)]
    [InlineData("http://localhost:5100", true)]
    [InlineData("http://[::1]:5100", true)]
    [InlineData("http://0.0.0.0:5100", false)]
    [InlineData("http://192.0.2.10:5100", false)]
    public void IsLoopbackOnly(string url, bool expected) => Assert.Equal(expected, HostAllowList.IsLoopbackOnly([new Uri(url)]));
}
