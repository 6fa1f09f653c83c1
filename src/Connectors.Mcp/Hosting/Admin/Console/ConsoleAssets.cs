using System.Reflection;

namespace Connectors.Mcp.Hosting.Admin.Console;

/// <summary>
/// The console's files, read once from the executable's embedded resources (named <c>admin-console/FILE</c> by the
/// project file). Only those names are served: a request can never reach the disk.
/// </summary>
public sealed class ConsoleAssets
{
    public const string IndexFile = "index.html";
    private const string ResourcePrefix = "admin-console/";

    private readonly Dictionary<string, ConsoleAsset> _files;

    private ConsoleAssets(Dictionary<string, ConsoleAsset> files) => _files = files;

    public IReadOnlyCollection<string> Names => _files.Keys;

    public static ConsoleAssets Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            files[name] = new ConsoleAsset(name, Read(assembly, resource), ContentTypeOf(name));
        }

        if (!files.ContainsKey(IndexFile))
        {
            throw new InvalidOperationException($"The executable was built without the admin console ({ResourcePrefix}{IndexFile} is not embedded).");
        }

        return new ConsoleAssets(files);
    }

    /// <summary>The file with exactly this name, or null.</summary>
    public ConsoleAsset? Find(string name) => _files.GetValueOrDefault(name);

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} cannot be opened.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
