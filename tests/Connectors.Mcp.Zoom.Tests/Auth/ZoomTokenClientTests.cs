using System.Net;
using System.Text;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Zoom.Auth;
using Connectors.Mcp.Zoom.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Zoom.Tests.Auth;

public sealed class ZoomTokenClientTests
{
    private static readonly Uri TokenUrl = new("https://zoom.test/oauth/token");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly OAuthClientCredentials _client = new("zoom", "cid", "csecret");
    private readonly OAuthTokens _current = new("old-access", "old-refresh", null, "meeting:read meeting:write");

    [Fact]
    public async Task Refresh_AuthenticatesWithBasic_SendsOnlyGrantAndToken_AndTakesTheRotatedToken()
    {
        var handler = new RecordingHandler().Answer(HttpStatusCode.OK,
            """{"access_token":"new-access","token_type":"bearer","refresh_token":"new-refresh","expires_in":3599,"scope":"meeting:read meeting:write"}""");
        var tokens = new ZoomTokenClient(new HttpClient(handler), TokenUrl, _time);

        var refreshed = await tokens.RefreshAsync(_client, _current, CancellationToken.None);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
        Assert.Equal("cid:csecret", Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!)));
        Assert.Equal("grant_type=refresh_token&refresh_token=old-refresh", body);
        Assert.Equal("new-access", refreshed.AccessToken);
        Assert.Equal("new-refresh", refreshed.RefreshToken);
        Assert.Equal(_time.GetUtcNow().AddSeconds(3599), refreshed.ExpiresAt);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"reason":"Invalid Token!","error":"invalid_grant"}""", TokenRefreshFailure.GrantRevoked)]
    [InlineData(HttpStatusCode.BadRequest, """{"reason":"Invalid Token!","error":"invalid_request"}""", TokenRefreshFailure.GrantRevoked)]
    [InlineData(HttpStatusCode.Unauthorized, """{"reason":"Invalid client_id or client_secret","error":"invalid_client"}""", TokenRefreshFailure.Rejected)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "<html>down</html>", TokenRefreshFailure.Unavailable)]
    public async Task Refresh_Failures_AreTypedForTheRefreshProtocol_WithoutTheToken(HttpStatusCode status, string body, TokenRefreshFailure expected)
    {
        var tokens = new ZoomTokenClient(new HttpClient(new RecordingHandler().Answer(status, body)), TokenUrl, _time);

        var error = await Assert.ThrowsAsync<TokenRefreshException>(() => tokens.RefreshAsync(_client, _current, CancellationToken.None));

        Assert.Equal(expected, error.Failure);
        Assert.DoesNotContain("old-refresh", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("csecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountCredentials_SendsTheAccountId_AndExpectsNoRefreshToken()
    {
        var handler = new RecordingHandler().Answer(HttpStatusCode.OK, """{"access_token":"s2s","token_type":"bearer","expires_in":3599,"scope":"meeting:read:admin"}""");
        var tokens = new ZoomTokenClient(new HttpClient(handler), TokenUrl, _time);

        var issued = await tokens.AccountCredentialsAsync(new ServerAppCredentials("acct", "sid", "ssecret"), CancellationToken.None);

        Assert.Equal("grant_type=account_credentials&account_id=acct", handler.Requests.Single().Body);
        Assert.Equal("s2s", issued.AccessToken);
        Assert.Null(issued.RefreshToken);
    }
}
