using Connectors.Mcp.Core.Connectors;
using Google.Apis.Http;
using Google.Apis.Services;

namespace Connectors.Mcp.Google.Http;

/// <summary>The one place a Google client service is configured, so every Google connector gets the same safe defaults.</summary>
internal static class GoogleClientServiceOptions
{
    public const string ApplicationName = "connectors-mcp";

    /// <summary>
    /// An initializer for <paramref name="baseUri"/> (from settings only) that sends through the host's pooled handler,
    /// with Google.Apis' own exponential back-off switched off (it re-sends POSTs on 503), no gzip (the pooled handler
    /// decides about compression), and no GET-to-POST rewriting of long URLs.
    /// </summary>
    public static BaseClientService.Initializer Create(ConnectorContext context, IConfigurableHttpClientInitializer credential, Uri baseUri) => new()
    {
        BaseUri = WithTrailingSlash(baseUri),
        ApplicationName = ApplicationName,
        HttpClientFactory = new ConnectorHttpClientFactory(context.HttpHandlerFactory, context.ConnectorId),
        HttpClientInitializer = new GoogleHttpClientInitializer(credential),
        DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.None,
        GZipEnabled = false,
        MaxUrlLength = 0,
    };

    public static string WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri.AbsoluteUri : uri.AbsoluteUri + "/";
}
