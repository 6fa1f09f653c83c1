using System.Net;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// What the person's browser does in a connect flow, one hop at a time (no automatic redirects): open the consent URL
/// (the fake approves or declines without a page) and follow its redirect back to our callback.
/// </summary>
public sealed class OAuthBrowser : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Bounded.Call };

    public HttpClient Http => _http;

    /// <summary>GET the consent URL; the fake answers 302 to the redirect URI with code/state (or error/state).</summary>
    public async Task<Uri> ConsentAsync(Uri authorizationUrl)
    {
        using var response = await _http.GetAsync(authorizationUrl);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"consent answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    /// <summary>GET the callback (the redirect back to us): status and the HTML page.</summary>
    public async Task<(HttpStatusCode Status, string Page)> ReturnAsync(Uri callbackUrl, Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, callbackUrl);
        adjust?.Invoke(request);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static string? Param(Uri url, string name) => url.Query.TrimStart('?').Split('&')
        .Select(p => p.Split('=', 2))
        .Where(p => p.Length == 2 && p[0] == name)
        .Select(p => Uri.UnescapeDataString(p[1]))
        .FirstOrDefault();

    public void Dispose() => _http.Dispose();
}
