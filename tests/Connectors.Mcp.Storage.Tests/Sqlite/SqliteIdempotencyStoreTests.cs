using Connectors.Mcp.Storage.Tests.Backends;
using Connectors.Mcp.Storage.Tests.Contracts;

namespace Connectors.Mcp.Storage.Tests.Sqlite;

public sealed class SqliteIdempotencyStoreTests() : IdempotencyStoreContract(StorageBackend.Sqlite);
