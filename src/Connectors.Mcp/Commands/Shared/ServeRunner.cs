using Connectors.Mcp.Hosting;

namespace Connectors.Mcp.Commands.Shared;

/// <summary>Runs the server for <c>serve</c>; <see cref="ServeHost.RunAsync"/> in the product, a recorder in tests.</summary>
internal delegate Task<int> ServeRunner(ServeRequest request, TextWriter stderr, CancellationToken cancellationToken);
