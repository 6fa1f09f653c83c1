using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.OAuth;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>One provider family as registered: its key, its OAuth endpoints and its grant revocation.</summary>
public sealed record ProviderFamily(string Key, IOAuthProvider OAuth, ITokenRevoker Revoker);
