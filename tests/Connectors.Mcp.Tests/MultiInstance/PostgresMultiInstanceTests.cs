using Connectors.Mcp.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>The multi-instance tests on PostgreSQL (<c>--database</c>): the variant CI runs.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PostgresMultiInstanceTests(MultiInstanceFixture fixture, ITestOutputHelper output)
    : MultiInstanceTests(MultiInstanceBackend.Postgres, fixture, output), IClassFixture<MultiInstanceFixture>;
