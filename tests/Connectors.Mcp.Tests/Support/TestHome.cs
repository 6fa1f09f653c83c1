namespace Connectors.Mcp.Tests.Support;

/// <summary>A temporary home folder (database, master key) deleted at the end of the test.</summary>
public sealed class TestHome : IDisposable
{
    public TestHome()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "connectors-mcp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still be closing the database; the temp folder is cleaned up eventually.
        }
    }
}
