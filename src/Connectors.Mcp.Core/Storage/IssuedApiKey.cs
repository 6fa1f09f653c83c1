namespace Connectors.Mcp.Core.Storage;

/// <summary>A just-created API key and its secret (<c>cmk_…</c>): the only time the secret exists in clear.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret)
{
    public override string ToString() => $"IssuedApiKey {{ Id = {Key.Id}, Name = {Key.Name} }}";
}
