using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// The meetings API under <c>/v2/</c>, as Zoom answers it: every call needs a live bearer token (else 401 code 124), then
/// armed throttles answer 429; creates and updates count against the per-user daily limit. Create answers 201 with the
/// meeting, PATCH and DELETE 204 with no body, registrants 201 — or 404 code 404 when the meeting's registration is off.
/// </summary>
internal sealed class ZoomMeetingEndpoints(ZoomTokenRegistry tokens, ZoomMeetingStore store, FakeZoomLedger ledger, FakeZoomServerOptions options)
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Meeting creates plus updates allowed per user per UTC day; settable while running.</summary>
    public int DailyCreateUpdateLimit { get; set; } = options.DailyCreateUpdateLimit;

    /// <summary>How long a create waits, after the meeting is stored, before answering (real time); settable while running.</summary>
    public TimeSpan CreateResponseDelay { get; set; }

    public async Task HandleAsync(HttpContext context, ZoomApiRoute route)
    {
        if (route.Endpoint == FakeZoomEndpoint.Unknown)
        {
            await ZoomJson.ErrorAsync(context, StatusCodes.Status404NotFound, 404, "The requested resource was not found.");
            return;
        }

        if (!await AuthorizedAsync(context))
        {
            return;
        }

        if (ledger.TakeThrottle(route.Endpoint) is { } throttle)
        {
            await ZoomRateLimitAnswers.PerSecondAsync(context, route.Endpoint, throttle);
            return;
        }

        switch (route.Endpoint)
        {
            case FakeZoomEndpoint.CreateMeeting:
                await CreateAsync(context, route.UserId!);
                break;
            case FakeZoomEndpoint.ListMeetings:
                await ListAsync(context, route.UserId!);
                break;
            case FakeZoomEndpoint.GetMeeting:
                await WithMeetingAsync(context, route.MeetingId!, id => store.Get(id) is { } meeting ? ZoomJson.WriteAsync(context, meeting) : null);
                break;
            case FakeZoomEndpoint.UpdateMeeting:
                await UpdateAsync(context, route.MeetingId!);
                break;
            case FakeZoomEndpoint.DeleteMeeting:
                await WithMeetingAsync(context, route.MeetingId!, id => store.Delete(id) ? ZoomJson.NoContentAsync(context) : null);
                break;
            case FakeZoomEndpoint.AddRegistrant:
                await AddRegistrantAsync(context, route.MeetingId!);
                break;
        }
    }

    private async Task<bool> AuthorizedAsync(HttpContext context)
    {
        var check = AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) && header.Parameter is { Length: > 0 and <= 4096 } token
                ? tokens.Check(token)
                : ZoomAccessCheck.Invalid;
        if (check == ZoomAccessCheck.Valid)
        {
            return true;
        }

        await ZoomJson.ErrorAsync(context, StatusCodes.Status401Unauthorized, 124,
            check == ZoomAccessCheck.Expired ? "Access token is expired." : "Invalid access token.");
        return false;
    }

    private async Task CreateAsync(HttpContext context, string userId)
    {
        if (!await HostAsync(context, userId) || !await WithinDailyLimitAsync(context) || await BodyAsync(context) is not { } body)
        {
            return;
        }

        var (meeting, errors) = store.Create(body);
        if (meeting is null)
        {
            await ZoomJson.ValidationAsync(context, errors);
            return;
        }

        if (!await ZoomJson.DelayAsync(context, CreateResponseDelay))
        {
            return;
        }

        switch (ledger.TakeCreateFault())
        {
            case 0:
                context.Abort();
                return;
            case { } status:
                await ZoomJson.ErrorAsync(context, status, status, "Internal Error. The request may or may not have been applied.");
                return;
        }

        await ZoomJson.WriteAsync(context, meeting, StatusCodes.Status201Created);
    }

    private async Task UpdateAsync(HttpContext context, string meetingId)
    {
        if (!long.TryParse(meetingId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !store.Exists(id))
        {
            await NotFoundAsync(context, meetingId);
            return;
        }

        if (!await WithinDailyLimitAsync(context) || await BodyAsync(context) is not { } body)
        {
            return;
        }

        switch (store.Update(id, body))
        {
            case null:
                await NotFoundAsync(context, meetingId);
                break;
            case { Count: > 0 } errors:
                await ZoomJson.ValidationAsync(context, errors);
                break;
            default:
                await ZoomJson.NoContentAsync(context);
                break;
        }
    }

    private async Task ListAsync(HttpContext context, string userId)
    {
        if (!await HostAsync(context, userId))
        {
            return;
        }

        var query = context.Request.Query;
        var type = query["type"].ToString() is { Length: > 0 } t ? t : "scheduled";
        var pageSize = ZoomMeetingStore.DefaultPageSize;
        if (query["page_size"].ToString() is { Length: > 0 } size)
        {
            if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize))
            {
                await ZoomJson.ValidationAsync(context, [new("page_size", "Invalid field.")]);
                return;
            }

            pageSize = pageSize < 1 ? ZoomMeetingStore.DefaultPageSize : Math.Min(pageSize, ZoomMeetingStore.MaxPageSize);
        }

        var pageToken = query["next_page_token"].ToString();
        if (pageToken.Length > 256 || store.List(type, pageSize, pageToken) is not { } page)
        {
            await (pageToken.Length > 0
                ? ZoomJson.ErrorAsync(context, StatusCodes.Status400BadRequest, 300, "The next page token is invalid or expired.")
                : ZoomJson.ValidationAsync(context, [new("type", "Invalid field.")]));
            return;
        }

        await ZoomJson.WriteAsync(context, page);
    }

    private async Task AddRegistrantAsync(HttpContext context, string meetingId)
    {
        if (!long.TryParse(meetingId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !store.Exists(id))
        {
            await NotFoundAsync(context, meetingId);
            return;
        }

        if (await JsonBodyAsync(context) is not { } json)
        {
            return;
        }

        var email = Text(json, "email");
        var firstName = Text(json, "first_name");
        var errors = new List<ZoomFieldError>();
        if (email is not { Length: > 2 and <= 128 } || email.IndexOf('@', StringComparison.Ordinal) is < 1 || email.EndsWith('@'))
        {
            errors.Add(new("email", "Invalid field."));
        }

        if (firstName is not { Length: > 0 and <= 64 })
        {
            errors.Add(new("first_name", "Invalid field."));
        }

        var lastName = Text(json, "last_name");
        if (lastName is { Length: > 64 })
        {
            errors.Add(new("last_name", "Invalid field."));
        }

        if (errors.Count > 0)
        {
            await ZoomJson.ValidationAsync(context, errors);
            return;
        }

        switch (store.AddRegistrant(id, email!, firstName!, lastName))
        {
            case (false, _, _):
                await NotFoundAsync(context, meetingId);
                break;
            case (true, false, _):
                await ZoomJson.ErrorAsync(context, StatusCodes.Status404NotFound, 404, $"Registration has not been enabled for this meeting: {id}.");
                break;
            case (_, _, var answer):
                await ZoomJson.WriteAsync(context, answer!, StatusCodes.Status201Created);
                break;
        }
    }

    private async Task WithMeetingAsync(HttpContext context, string meetingId, Func<long, Task?> act)
    {
        if (!long.TryParse(meetingId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || act(id) is not { } answer)
        {
            await NotFoundAsync(context, meetingId);
            return;
        }

        await answer;
    }

    private async Task<bool> HostAsync(HttpContext context, string userId)
    {
        if (store.Host.Matches(userId))
        {
            return true;
        }

        await ZoomJson.ErrorAsync(context, StatusCodes.Status404NotFound, 1001, $"User does not exist: {Bounded(userId)}.");
        return false;
    }

    private async Task<bool> WithinDailyLimitAsync(HttpContext context)
    {
        var now = options.Time.GetUtcNow();
        var limit = DailyCreateUpdateLimit;
        if (ledger.TryCountWrite(now, limit))
        {
            return true;
        }

        await ZoomRateLimitAnswers.DailyAsync(context, options, limit, now);
        return false;
    }

    /// <summary>The meeting fields of a JSON body, or null once the 400 is written.</summary>
    private static async Task<ZoomMeetingBody?> BodyAsync(HttpContext context)
    {
        if (await JsonBodyAsync(context) is not { } json)
        {
            return null;
        }

        var (body, errors) = ZoomMeetingBody.Parse(json);
        if (body is null)
        {
            await ZoomJson.ValidationAsync(context, errors);
        }

        return body;
    }

    /// <summary>The body as a JSON object (at most 64 KiB), or null once Zoom's 400 code 300 is written.</summary>
    private static async Task<JsonObject?> JsonBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is not > MaxBodyBytes)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var buffer = new char[MaxBodyBytes + 1];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), context.RequestAborted);
            if (read <= MaxBodyBytes)
            {
                try
                {
                    if (JsonNode.Parse(new string(buffer, 0, read)) is JsonObject json && json.Count >= 0) // Count materializes: a duplicate key throws here
                    {
                        return json;
                    }
                }
                catch (Exception e) when (e is JsonException or ArgumentException)
                {
                }
            }
        }

        await ZoomJson.ErrorAsync(context, StatusCodes.Status400BadRequest, 300, "Request Body should be a valid JSON object.");
        return null;
    }

    private static string? Text(JsonObject json, string field) =>
        json[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static Task NotFoundAsync(HttpContext context, string meetingId) =>
        ZoomJson.ErrorAsync(context, StatusCodes.Status404NotFound, 3001, $"Meeting does not exist: {Bounded(meetingId)}.");

    private static string Bounded(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
