using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Sandbox;
using Connectors.Mcp.Sandbox.Zoom;

namespace Connectors.Mcp.Tests.Fakes.Zoom;

/// <summary>
/// What <c>--sandbox</c> would seed for Zoom works as a connector would use it: the settings reach the started fake, the
/// stored client authenticates at its token endpoint, and the stored grant reads the seeded meetings and refreshes.
/// </summary>
public sealed class ZoomSandboxFamilyTests
{
    [Fact]
    public async Task Family_SeedsAZoomConnector_WhoseSettingsClientAndTokensWorkAgainstTheFake()
    {
        await using var family = new ZoomSandboxFamily(TimeProvider.System);
        await family.StartAsync(CancellationToken.None);
        using var http = new HttpClient();

        var tokens = family.IssueTokens();
        var settings = family.Settings;
        using var list = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(settings[ConnectorSettings.ApiBaseUrl]), "users/me/meetings?type=upcoming"));
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var listed = await http.SendAsync(list);
        using var refresh = new HttpRequestMessage(HttpMethod.Post, settings[ConnectorSettings.TokenUrl])
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.RefreshToken! }),
        };
        refresh.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{family.Client.ClientId}:{family.Client.ClientSecret}")));
        using var refreshed = await http.SendAsync(refresh);

        Assert.Equal("zoom", family.Provider);
        Assert.Equal(new SandboxConnector("zoom", "zoom"), Assert.Single(family.Connectors));
        Assert.Equal("zoom", family.Client.Provider);
        Assert.Equal([ConnectorSettings.ApiBaseUrl, ConnectorSettings.AuthUrl, ConnectorSettings.TokenUrl], settings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(family.Server.AuthUrl.ToString(), settings[ConnectorSettings.AuthUrl]);
        Assert.EndsWith("/v2/", settings[ConnectorSettings.ApiBaseUrl]);
        Assert.True(tokens.ExpiresAt > TimeProvider.System.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains("Weekly product sync", await listed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(family.Server.IsLiveRefreshToken(tokens.RefreshToken!));
    }
}
