using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Watches the run's own infrastructure (the queue, bus and table endpoints the backend talks to) for the errors that
/// mean it is gone rather than faulted: calls that got no answer at all. When an endpoint has answered nothing for
/// <see cref="LostAfter"/> while it was being called, the run is stopped as aborted, naming the endpoint: a dead
/// emulator is the harness's failure, never the system's. Injected faults never reach this (they sit above it).
/// </summary>
public sealed class InfrastructureWatch : IDisposable
{
    /// <summary>How long an endpoint may fail every call without an answer before it counts as lost.</summary>
    public static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(2);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _failingSince = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lost = new();
    private string? _reason;

    public InfrastructureWatch(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <summary>Cancelled when an endpoint is lost.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Why the run lost its infrastructure, or null.</summary>
    public string? Reason
    {
        get
        {
            lock (_lock)
            {
                return _reason;
            }
        }
    }

    /// <summary>Runs a call to <paramref name="endpoint"/>, noting whether it was answered.</summary>
    public async ValueTask<T> CallAsync<T>(string endpoint, Func<ValueTask<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            var result = await call().ConfigureAwait(false);
            Answered(endpoint);
            return result;
        }
        catch (PortException ex) when (ex.ErrorCode == NoAnswer)
        {
            NotAnswered(endpoint, ex);
            throw;
        }
        catch (PortException)
        {
            // An error answer is an answer: the endpoint is there.
            Answered(endpoint);
            throw;
        }
    }

    public async ValueTask CallAsync(string endpoint, Func<ValueTask> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        await CallAsync(endpoint, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    public void Dispose() => _lost.Dispose();

    /// <summary>The error code the adapters give a call that got no answer (connection refused, reset, timed out).</summary>
    public const string NoAnswer = "NetworkError";

    private void Answered(string endpoint)
    {
        lock (_lock)
        {
            _failingSince.Remove(endpoint);
        }
    }

    private void NotAnswered(string endpoint, PortException exception)
    {
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (!_failingSince.TryGetValue(endpoint, out var since))
            {
                _failingSince[endpoint] = now;
                return;
            }

            if (_reason is not null || _time.GetElapsedTime(since, now) < LostAfter)
            {
                return;
            }

            var detail = exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? exception.ErrorCode;
            _reason = $"infrastructure lost: {endpoint} stopped answering ({detail})";
        }

        _lost.Cancel();
    }
}
