using Connectors.Mcp.Hosting;
using Connectors.Mcp.Hosting.Admin;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Tests.Admin;

public sealed class AdminOriginTests
{
    private static readonly HostAllowList AllowList = new([new Uri("http://127.0.0.1:5100")], ["admin.example.com"]);

    [Theory]
    [InlineData("127.0.0.1:5100", "http://127.0.0.1:5100", true)]
    [InlineData("localhost:5100", "http://localhost:5100", true)]
    [InlineData("admin.example.com", "https://admin.example.com", true)]
    [InlineData("admin.example.com:8443", "https://admin.example.com:8443", true)]
    [InlineData("127.0.0.1:5100", "http://127.0.0.1:5101", false)]
    [InlineData("127.0.0.1:5100", "http://localhost:5100", false)]
    [InlineData("127.0.0.1:5100", "http://evil.example:5100", false)]
    [InlineData("evil.example:5100", "http://evil.example:5100", false)]
    [InlineData("127.0.0.1:5100", "null", false)]
    [InlineData("127.0.0.1:5100", "", false)]
    [InlineData("127.0.0.1:5100", null, false)]
    [InlineData("127.0.0.1:5100", "http://127.0.0.1:5100/admin", false)]
    public void IsOwn_OnlyTheServersOwnAllowListedOrigin(string host, string? origin, bool own)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(host);
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        Assert.Equal(own, AdminOrigin.IsOwn(context.Request, AllowList));
    }

    [Fact]
    public void IsOwn_TwoOriginHeaders_IsRefused()
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("127.0.0.1:5100");
        context.Request.Headers.Origin = new global::Microsoft.Extensions.Primitives.StringValues(["http://127.0.0.1:5100", "http://127.0.0.1:5100"]);

        Assert.False(AdminOrigin.IsOwn(context.Request, AllowList));
    }
}
