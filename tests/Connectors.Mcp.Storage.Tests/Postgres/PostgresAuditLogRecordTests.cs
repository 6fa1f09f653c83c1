using Connectors.Mcp.Storage.Tests.Backends;
using Connectors.Mcp.Storage.Tests.Contracts;

namespace Connectors.Mcp.Storage.Tests.Postgres;

public sealed class PostgresAuditLogRecordTests() : AuditLogRecordContract(StorageBackend.Postgres);
