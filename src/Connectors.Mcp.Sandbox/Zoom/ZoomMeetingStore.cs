using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// The fake's meetings: create, get, update (merge), delete, registrants and the list with its types and
/// <c>next_page_token</c> paging. Pages are keyset-based (start time, then id), so a meeting created or deleted between
/// two pages never makes a page repeat or skip another; a page token lives 15 minutes, as Zoom's does.
/// </summary>
internal sealed class ZoomMeetingStore(TimeProvider time, ZoomHostUser host)
{
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 300;
    private const int MaxMeetings = 10_000;
    private const int MaxPageTokens = 10_000;
    private static readonly TimeSpan PageTokenLifetime = TimeSpan.FromMinutes(15);

    private readonly Lock _lock = new();
    private readonly Dictionary<long, StoredZoomMeeting> _meetings = [];
    private readonly Dictionary<string, ZoomPageCursor> _pageTokens = new(StringComparer.Ordinal);
    private int _created;

    /// <summary>Where join and start links point (the fake's own root, so no link leads to a real meeting).</summary>
    public Uri Root { get; set; } = new("http://127.0.0.1/");

    public ZoomHostUser Host => host;

    /// <summary>Meetings created through the API so far (seeds not counted).</summary>
    public int CreatedCount
    {
        get
        {
            lock (_lock)
            {
                return _created;
            }
        }
    }

    public IReadOnlyList<FakeZoomMeeting> Snapshot()
    {
        lock (_lock)
        {
            return _meetings.Values.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Snapshot()).ToList();
        }
    }

    public FakeZoomMeeting? Find(long id)
    {
        lock (_lock)
        {
            return _meetings.GetValueOrDefault(id)?.Snapshot();
        }
    }

    /// <summary>Creates a meeting (type 2 unless given), or says which fields are wrong.</summary>
    public (JsonObject? Meeting, IReadOnlyList<ZoomFieldError> Errors) Create(ZoomMeetingBody body, bool countAsCreated = true)
    {
        var zone = body.Timezone ?? host.Timezone;
        DateTimeOffset? start = null;
        if (body.StartTime is { } raw && (start = ZoomStartTime.Parse(raw, zone)) is null)
        {
            return (null, [new("start_time", "Invalid field.")]);
        }

        var settings = DefaultSettings();
        Merge(settings, body.Settings);
        lock (_lock)
        {
            if (_meetings.Count >= MaxMeetings)
            {
                return (null, [new("meeting", "The sandbox holds at most 10,000 meetings; delete some.")]);
            }

            var id = ZoomRandom.MeetingId();
            while (_meetings.ContainsKey(id))
            {
                id = ZoomRandom.MeetingId();
            }

            var type = body.Type ?? 2;
            var now = time.GetUtcNow();
            var meeting = new StoredZoomMeeting
            {
                Id = id,
                Uuid = ZoomRandom.MeetingUuid(),
                Topic = body.Topic ?? "Zoom Meeting",
                Type = type,
                StartUtc = type == 3 ? null : start ?? now,
                Duration = body.Duration ?? 60,
                Timezone = zone,
                Agenda = body.Agenda ?? "",
                Password = body.Password ?? ZoomRandom.Passcode(),
                CreatedAt = now,
                JoinUrl = new Uri(Root, $"j/{id}?pwd={ZoomRandom.Token("").TrimEnd('-', '_')}").ToString(),
                StartUrl = new Uri(Root, $"s/{id}?zak={ZoomRandom.Token("")}").ToString(),
                Settings = settings,
            };
            _meetings[id] = meeting;
            _created += countAsCreated ? 1 : 0;
            return (ZoomMeetingJson.Full(meeting, host), []);
        }
    }

    public bool Exists(long id)
    {
        lock (_lock)
        {
            return Live(id) is not null;
        }
    }

    public JsonObject? Get(long id)
    {
        lock (_lock)
        {
            return Live(id) is { } m ? ZoomMeetingJson.Full(m, host) : null;
        }
    }

    /// <summary>Applies a PATCH: null when the meeting does not exist; otherwise the field errors (none when applied).</summary>
    public IReadOnlyList<ZoomFieldError>? Update(long id, ZoomMeetingBody body)
    {
        lock (_lock)
        {
            if (Live(id) is not { } m)
            {
                return null;
            }

            var zone = body.Timezone ?? m.Timezone;
            DateTimeOffset? start = null;
            if (body.StartTime is { } raw && (start = ZoomStartTime.Parse(raw, zone)) is null)
            {
                return [new("start_time", "Invalid field.")];
            }

            m.Topic = body.Topic ?? m.Topic;
            m.Type = body.Type ?? m.Type;
            m.StartUtc = start ?? m.StartUtc;
            m.Timezone = zone;
            m.Duration = body.Duration ?? m.Duration;
            m.Agenda = body.Agenda ?? m.Agenda;
            m.Password = body.Password ?? m.Password;
            Merge(m.Settings, body.Settings);
            m.UpdateCount++;
            return [];
        }
    }

    public bool Delete(long id)
    {
        lock (_lock)
        {
            if (Live(id) is not { } m)
            {
                return false;
            }

            m.DeletedAt = time.GetUtcNow();
            return true;
        }
    }

    /// <summary>
    /// Registers someone (the same email twice gets the same registrant): whether the meeting exists, whether its
    /// registration is on, and the 201 body when both.
    /// </summary>
    public (bool Exists, bool RegistrationOn, JsonObject? Answer) AddRegistrant(long id, string email, string firstName, string? lastName)
    {
        lock (_lock)
        {
            if (Live(id) is not { } m)
            {
                return (false, false, null);
            }

            if (!m.RegistrationEnabled)
            {
                return (true, false, null);
            }

            var registrant = m.Registrants.FirstOrDefault(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase));
            if (registrant is null)
            {
                var registrantId = ZoomRandom.ClientId();
                registrant = new ZoomRegistrant(registrantId, email, firstName, lastName, new Uri(Root, $"w/{id}?tk={ZoomRandom.Token("")}").ToString());
                if (m.Registrants.Count < 4999)
                {
                    m.Registrants.Add(registrant);
                }
            }

            var answer = new JsonObject
            {
                ["id"] = m.Id,
                ["join_url"] = registrant.JoinUrl,
                ["registrant_id"] = registrant.RegistrantId,
                ["topic"] = m.Topic,
                ["occurrences"] = new JsonArray(),
            };
            if (m.StartUtc is { } start)
            {
                answer["start_time"] = ZoomStartTime.Format(start);
            }

            return (true, true, answer);
        }
    }

    /// <summary>
    /// One page of a list type (<c>scheduled</c>, <c>live</c>, <c>upcoming</c>, <c>upcoming_meetings</c>,
    /// <c>previous_meetings</c>): null when the type or the page token is not valid.
    /// </summary>
    public JsonObject? List(string type, int pageSize, string? pageToken)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            ZoomPageCursor? after = null;
            if (!string.IsNullOrEmpty(pageToken))
            {
                if (!_pageTokens.TryGetValue(pageToken, out after) || after.ExpiresAt <= now || after.Type != type)
                {
                    return null;
                }
            }

            if (Filter(type, now) is not { } filter)
            {
                return null;
            }

            var descending = type == "previous_meetings";
            var matching = _meetings.Values.Where(m => m.DeletedAt is null && filter(m)).ToList();
            var ordered = (descending
                ? matching.OrderByDescending(SortTime).ThenByDescending(m => m.Id)
                : matching.OrderBy(SortTime).ThenBy(m => m.Id)).ToList();
            var remaining = after is null ? ordered : ordered.Where(m => IsAfter(m, after, descending)).ToList();
            var page = remaining.Take(pageSize).ToList();
            var next = "";
            if (remaining.Count > page.Count)
            {
                next = ZoomRandom.Token("").Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
                if (_pageTokens.Count >= MaxPageTokens)
                {
                    foreach (var stale in _pageTokens.Where(t => t.Value.ExpiresAt <= now).Select(t => t.Key).ToList())
                    {
                        _pageTokens.Remove(stale);
                    }

                    if (_pageTokens.Count >= MaxPageTokens)
                    {
                        _pageTokens.Clear();
                    }
                }

                var last = page[^1];
                _pageTokens[next] = new ZoomPageCursor(type, SortTime(last), last.Id, now + PageTokenLifetime);
            }

            return new JsonObject
            {
                ["page_size"] = pageSize,
                ["total_records"] = ordered.Count,
                ["next_page_token"] = next,
                ["meetings"] = new JsonArray(page.Select(m => (JsonNode)ZoomMeetingJson.Summary(m, host)).ToArray()),
            };
        }
    }

    private static Func<StoredZoomMeeting, bool>? Filter(string type, DateTimeOffset now) => type switch
    {
        "scheduled" => m => m.Type is 2 or 3 or 8,
        "live" => m => m.StartUtc <= now && m.EndUtc > now,
        "upcoming" or "upcoming_meetings" => m => m.StartUtc is null || m.EndUtc > now,
        "previous_meetings" => m => m.EndUtc <= now,
        _ => null,
    };

    private static DateTimeOffset SortTime(StoredZoomMeeting m) => m.StartUtc ?? m.CreatedAt;

    private static bool IsAfter(StoredZoomMeeting m, ZoomPageCursor cursor, bool descending)
    {
        var order = SortTime(m).CompareTo(cursor.LastTime) is var c and not 0 ? c : m.Id.CompareTo(cursor.LastId);
        return descending ? order < 0 : order > 0;
    }

    private StoredZoomMeeting? Live(long id) => _meetings.TryGetValue(id, out var m) && m.DeletedAt is null ? m : null;

    private static JsonObject DefaultSettings() => new()
    {
        ["host_video"] = false,
        ["participant_video"] = false,
        ["join_before_host"] = false,
        ["mute_upon_entry"] = false,
        ["waiting_room"] = false,
        ["approval_type"] = 2,
        ["registration_type"] = 1,
        ["audio"] = "voip",
        ["auto_recording"] = "none",
        ["registrants_email_notification"] = true,
        ["registrants_confirmation_email"] = true,
        ["meeting_authentication"] = false,
    };

    private static void Merge(JsonObject target, JsonObject? patch)
    {
        foreach (var (name, value) in patch ?? [])
        {
            target[name] = value?.DeepClone();
        }
    }
}
