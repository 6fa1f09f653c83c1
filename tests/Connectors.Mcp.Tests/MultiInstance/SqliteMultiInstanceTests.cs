using Connectors.Mcp.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>
/// The multi-instance tests on one SQLite file shared by three processes (one <c>--home</c>): a developer's check of the
/// harness, run with <c>CONNECTORS_MCP_MULTI_INSTANCE_SQLITE=1</c>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SqliteMultiInstanceTests(MultiInstanceFixture fixture, ITestOutputHelper output)
    : MultiInstanceTests(MultiInstanceBackend.Sqlite, fixture, output), IClassFixture<MultiInstanceFixture>;
