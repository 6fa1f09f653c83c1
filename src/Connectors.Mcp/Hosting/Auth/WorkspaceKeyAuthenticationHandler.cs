using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connectors.Mcp.Core.Instructions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Hosting.Auth;

/// <summary>
/// The MCP endpoints' credential: <c>Authorization: Bearer cmk_…</c> names the workspace and the key's tool scope (the
/// key's id becomes the NameIdentifier, so the MCP SDK refuses any other key on an existing session). In
/// single-workspace mode (<c>serve --http --workspace</c>, <c>--sandbox</c>; loopback only) every request is the served
/// workspace: without a key, with the scope the server was started with; with a key, that key must be valid and of the
/// served workspace, and the request gets the key's scope within the server's (a read-only key stays read-only on a
/// keyless server; a key cannot widen a server started with <c>--read-only</c>). An admin
/// token is refused in both modes: it opens only the admin surface. A refusal is 401 with <c>WWW-Authenticate</c> and a
/// JSON-RPC error body that says what to send.
/// </summary>
public sealed class WorkspaceKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HttpWorkspaceMode mode,
    ApiKeyCache apiKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly string MissingKey = $"Unauthorized: send Authorization: Bearer <workspace API key> (create one with {CliInstructions.ApiKeyCreate("SLUG")}).";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = BearerCredential.Header(Request);
        var credential = BearerCredential.From(header);
        if (BearerCredential.IsAdminToken(credential))
        {
            // Also in single-workspace mode: an admin token sent to /mcp is a mistake worth saying so.
            return AuthenticateResult.Fail($"Unauthorized: an admin token opens only /admin; MCP clients send a workspace API key ({CliInstructions.ApiKeyCreate("SLUG")}).");
        }

        if (mode.SingleWorkspace is { } only && header.Length == 0)
        {
            return Success(WorkspaceClaims.For(only.Id, only.Slug, keyId: null, mode.SingleWorkspaceScope));
        }

        if (header.Length == 0)
        {
            return AuthenticateResult.Fail(MissingKey);
        }

        // Revocation bound: ApiKeyCache.Lifetime (a key revoked by any process is refused within it).
        var workspace = credential is { Length: > 0 } ? await apiKeys.FindAsync(credential, Context.RequestAborted) : null;
        if (workspace is null)
        {
            return AuthenticateResult.Fail("Unauthorized: the API key is not valid.");
        }

        if (mode.SingleWorkspace is not { } served)
        {
            return Success(WorkspaceClaims.For(workspace.Id, workspace.Slug, workspace.KeyId, workspace.Scope));
        }

        // A key presented to a single-workspace server narrows what the request may do; it never switches workspace.
        if (workspace.Id != served.Id)
        {
            return AuthenticateResult.Fail($"Unauthorized: this server serves only workspace '{served.Slug}' and the API key is not one of its keys.");
        }

        return workspace.Scope.Within(mode.SingleWorkspaceScope) is { } scope
            ? Success(WorkspaceClaims.For(served.Id, served.Slug, workspace.KeyId, scope))
            : AuthenticateResult.Fail(
                $"Unauthorized: this server was started with --tools {string.Join(',', mode.SingleWorkspaceScope.Patterns)} and the key has its own tool patterns; use a key without --tools here, or start the server without --tools.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"connectors-mcp\"";
        Response.ContentType = "application/json";
        var body = new { jsonrpc = "2.0", error = new { code = -32000, message = result.Failure?.Message ?? MissingKey }, id = (string?)null };
        await Response.WriteAsync(JsonSerializer.Serialize(body), Context.RequestAborted);
    }

    private AuthenticateResult Success(ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
}
