using System.Security.Claims;
using System.Text.Encodings.Web;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Hosting.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// The admin surface's credential (<see cref="EdgeAuthorization.AdminPolicy"/>): <c>Authorization: Bearer cma_…</c> (an
/// admin token; a workspace API key is refused), else the <c>cmcp_admin</c> session cookie. On success the caller is left
/// in the request's features as an <see cref="AdminCaller"/>; a refusal is 401 <c>unauthorized</c> in the admin API's JSON
/// shape, saying what to send. The Origin and CSRF rules of cookie writes are <see cref="AdminRequestAuthorizationHandler"/>'s.
/// </summary>
public sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAdminTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string TokenIdClaim = "connectors_mcp_admin_token_id";

    private static readonly string NoCredential =
        $"Sign in at /admin with an admin token, or send Authorization: Bearer <admin token> (create one with {CliInstructions.AdminTokenCreate}).";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = BearerCredential.Header(Request);
        if (header.Length > 0)
        {
            var secret = BearerCredential.From(header) ?? "";
            var token = secret.Length == 0 ? null : await tokens.FindBySecretAsync(secret, Context.RequestAborted);
            if (token is null)
            {
                return AuthenticateResult.Fail(secret.StartsWith(BearerCredential.ApiKeyPrefix, StringComparison.Ordinal)
                    ? $"A workspace API key does not open the admin API; send an admin token (create one with {CliInstructions.AdminTokenCreate})."
                    : $"The admin token is not valid (unknown or revoked). Create one with {CliInstructions.AdminTokenCreate}.");
            }

            return Success(new AdminCaller(token.Id, token.Name, null));
        }

        var sessionId = Request.Cookies[AdminPaths.SessionCookie];
        if (sessionId is null)
        {
            return AuthenticateResult.Fail(NoCredential);
        }

        var session = await tokens.FindSessionAsync(sessionId, Context.RequestAborted);
        return session is null
            ? AuthenticateResult.Fail("The admin session has ended (expired, signed out, or its token was revoked); sign in again at /admin.")
            : Success(new AdminCaller(session.TokenId, session.TokenName, session));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await AdminJson.WriteErrorAsync(Context, StatusCodes.Status401Unauthorized, "unauthorized", result.Failure?.Message ?? NoCredential);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AdminJson.WriteErrorAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "This admin request is not allowed.");

    private AuthenticateResult Success(AdminCaller caller)
    {
        Context.Features.Set(caller);
        var identity = new ClaimsIdentity(
            [new Claim(TokenIdClaim, caller.TokenId), new Claim(ClaimTypes.Name, caller.TokenName)],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
