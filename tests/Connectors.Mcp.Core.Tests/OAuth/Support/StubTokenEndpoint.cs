using System.Net;
using System.Text;

namespace Connectors.Mcp.Core.Tests.OAuth.Support;

/// <summary>
/// A token endpoint answering with a queued response (default: a Google-shaped token response), recording each request's
/// URL and form. Also the <see cref="IHttpClientFactory"/> the flow gets its client from.
/// </summary>
internal sealed class StubTokenEndpoint : HttpMessageHandler, IHttpClientFactory
{
    public const string AccessToken = "ya29.access-token-from-the-stub";
    public const string RefreshToken = "1//refresh-token-from-the-stub";

    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<(Uri Url, Dictionary<string, string> Form)> Requests { get; } = [];

    public string Scope { get; set; } = $"{TestOAuth.Scope} {TestOAuth.SecondScope}";

    public void Enqueue(HttpStatusCode status, string json) =>
        _responses.Enqueue(() => new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public void EnqueueFailure(Exception exception) => _responses.Enqueue(() => throw exception);

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var form = body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        Requests.Add((request.RequestUri!, form));
        if (_responses.TryDequeue(out var respond))
        {
            return respond();
        }

        var json = $$"""{"access_token":"{{AccessToken}}","expires_in":3599,"refresh_token":"{{RefreshToken}}","scope":"{{Scope}}","token_type":"Bearer"}""";
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
