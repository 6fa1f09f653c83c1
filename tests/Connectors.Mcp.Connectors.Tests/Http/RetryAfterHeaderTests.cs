using System.Net;
using Connectors.Mcp.Connectors.Http;

namespace Connectors.Mcp.Connectors.Tests.Http;

/// <summary><c>Retry-After</c> in both of its forms, and never a negative wait.</summary>
public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private static TimeSpan? Read(Action<HttpResponseMessage> headers)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        headers(response);
        return RetryAfterHeader.Read(response, Now);
    }

    [Fact]
    public void Seconds_AreTheWait() => Assert.Equal(TimeSpan.FromSeconds(7), Read(r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(7))));

    [Fact]
    public void HttpDate_IsTheTimeUntilIt() => Assert.Equal(TimeSpan.FromSeconds(90), Read(r => r.Headers.RetryAfter = new(Now.AddSeconds(90))));

    [Fact]
    public void HttpDate_InThePast_IsNoWait() => Assert.Equal(TimeSpan.Zero, Read(r => r.Headers.RetryAfter = new(Now.AddSeconds(-30))));

    [Fact]
    public void NoHeader_IsUnknown() => Assert.Null(Read(_ => { }));
}
