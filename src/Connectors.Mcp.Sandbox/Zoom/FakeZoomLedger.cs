namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// What reached the fake (requests by endpoint, token requests by grant type, the last requests) and the faults armed
/// for the next ones: throttles (429), dropped connections after a stored create, lost token responses, and the daily
/// create/update count per UTC day.
/// </summary>
internal sealed class FakeZoomLedger
{
    private const int MaxLoggedRequests = 1000;

    private readonly Lock _lock = new();
    private readonly Dictionary<FakeZoomEndpoint, int> _byEndpoint = [];
    private readonly Dictionary<string, int> _byGrantType = new(StringComparer.Ordinal);
    private readonly Queue<FakeZoomRequest> _log = new();
    private readonly List<ThrottleRule> _throttles = [];
    private readonly Queue<int> _createFaults = new(); // 0: drop the connection; else the status to answer
    private readonly Queue<int> _tokenFailures = new();
    private int _lostTokenResponses;
    private DateOnly _day;
    private int _writesToday;

    public void Record(FakeZoomEndpoint endpoint)
    {
        lock (_lock)
        {
            _byEndpoint[endpoint] = _byEndpoint.GetValueOrDefault(endpoint) + 1;
        }
    }

    /// <summary>Adds a finished request to the log (the last 1,000 are kept).</summary>
    public void Log(FakeZoomRequest request)
    {
        lock (_lock)
        {
            if (_log.Count == MaxLoggedRequests)
            {
                _log.Dequeue();
            }

            _log.Enqueue(request);
        }
    }

    public void RecordGrant(string grantType)
    {
        lock (_lock)
        {
            _byGrantType[grantType] = _byGrantType.GetValueOrDefault(grantType) + 1;
        }
    }

    public int Count(FakeZoomEndpoint endpoint)
    {
        lock (_lock)
        {
            return _byEndpoint.GetValueOrDefault(endpoint);
        }
    }

    public int Total()
    {
        lock (_lock)
        {
            return _byEndpoint.Values.Sum();
        }
    }

    public int GrantCount(string grantType)
    {
        lock (_lock)
        {
            return _byGrantType.GetValueOrDefault(grantType);
        }
    }

    public IReadOnlyList<FakeZoomRequest> Requests()
    {
        lock (_lock)
        {
            return _log.ToList();
        }
    }

    public void Throttle(int count, ZoomThrottle throttle, FakeZoomEndpoint? endpoint)
    {
        lock (_lock)
        {
            _throttles.Add(new ThrottleRule(endpoint, throttle) { Remaining = count });
        }
    }

    /// <summary>The throttle that answers this request, if one is armed for its endpoint (it is spent by one).</summary>
    public ZoomThrottle? TakeThrottle(FakeZoomEndpoint endpoint)
    {
        lock (_lock)
        {
            var rule = _throttles.FirstOrDefault(r => r.Remaining > 0 && (r.Endpoint is null || r.Endpoint == endpoint));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            _throttles.RemoveAll(r => r.Remaining == 0);
            return rule.Throttle;
        }
    }

    /// <summary>Arms <paramref name="count"/> create faults, in order after those already armed: 0 drops the connection, else the status to answer.</summary>
    public void FailAfterCreates(int count, int statusOrZero) => Enqueue(_createFaults, count, statusOrZero);

    /// <summary>The fault for a create that was just stored: null for none, 0 to drop the connection, else a status.</summary>
    public int? TakeCreateFault() => Dequeue(_createFaults);

    public void FailTokenRequests(int count, int status) => Enqueue(_tokenFailures, count, status);

    public int? TakeTokenFailure() => Dequeue(_tokenFailures);

    public void LoseTokenResponses(int count) => Interlocked.Add(ref _lostTokenResponses, count);

    public bool TakeLostTokenResponse() => Take(ref _lostTokenResponses);

    /// <summary>Counts one meeting create or update against today's limit (UTC); false, counting nothing, when it is reached.</summary>
    public bool TryCountWrite(DateTimeOffset now, int limit)
    {
        lock (_lock)
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today != _day)
            {
                _day = today;
                _writesToday = 0;
            }

            if (_writesToday >= limit)
            {
                return false;
            }

            _writesToday++;
            return true;
        }
    }

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    private void Enqueue(Queue<int> queue, int count, int value)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(value);
            }
        }
    }

    private int? Dequeue(Queue<int> queue)
    {
        lock (_lock)
        {
            return queue.TryDequeue(out var value) ? value : null;
        }
    }

    private sealed record ThrottleRule(FakeZoomEndpoint? Endpoint, ZoomThrottle Throttle)
    {
        public int Remaining { get; set; }
    }
}
