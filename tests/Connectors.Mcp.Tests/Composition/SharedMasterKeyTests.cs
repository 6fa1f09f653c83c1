using Connectors.Mcp.Composition;

namespace Connectors.Mcp.Tests.Composition;

/// <summary>
/// With a PostgreSQL database several instances share the data, so they must share the master key: a missing key is
/// refused with what to do, never made up for this instance alone (it could not decrypt what the others stored).
/// </summary>
public sealed class SharedMasterKeyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cmcp-key-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Postgres_WithoutAKey_IsRefused_AndNoKeyIsCreated()
    {
        var home = AppHome.Resolve(_root, sandbox: false).WithPostgres("Host=db.internal;Database=connectors");

        var error = Assert.Throws<InvalidOperationException>(home.LoadMasterKey);

        Assert.Contains("every instance must use the same one", error.Message);
        Assert.Contains("CONNECTORS_MCP_MASTER_KEY", error.Message);
        Assert.False(File.Exists(home.MasterKeyPath));
    }

    [Fact]
    public void Sqlite_WithoutAKey_CreatesOne()
    {
        var home = AppHome.Resolve(_root, sandbox: false);

        Assert.Equal(32, home.LoadMasterKey().Length);
        Assert.True(File.Exists(home.MasterKeyPath));
    }
}
