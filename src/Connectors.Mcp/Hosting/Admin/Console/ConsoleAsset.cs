namespace Connectors.Mcp.Hosting.Admin.Console;

/// <summary>One file of the console as it is served: its name under <c>/admin/assets/</c>, bytes and media type.</summary>
public sealed record ConsoleAsset(string Name, byte[] Content, string ContentType);
