using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ResilienceLab.Chaos.Dependencies;

/// <summary>
/// Measures how long the dependency server itself took with each request, beyond the delay a fault or the stub latency
/// meant it to take: the time from the request reaching the server's pipeline to its headers going out, minus the
/// intended delay the fault callback put in <see cref="IntendedDelayHeader"/> (removed before the response leaves).
/// A healthy server adds well under a millisecond; when the harness falls behind, this is where it shows first.
/// </summary>
internal static class ServerTimingMiddleware
{
    /// <summary>Header carrying the intended delay in microseconds from the callback to this middleware; never reaches a client.</summary>
    public const string IntendedDelayHeader = "X-ResilienceLab-Intended-Us";

    public static void Install(object applicationBuilder, Action<TimeSpan> record, TimeProvider time) =>
        ((IApplicationBuilder)applicationBuilder).Use((context, next) =>
        {
            var started = time.GetTimestamp();
            context.Response.OnStarting(() =>
            {
                var intended = TimeSpan.Zero;
                if (context.Response.Headers.TryGetValue(IntendedDelayHeader, out var value))
                {
                    context.Response.Headers.Remove(IntendedDelayHeader);
                    if (long.TryParse(value.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var micros))
                    {
                        intended = TimeSpan.FromMicroseconds(micros);
                    }
                }

                var added = time.GetElapsedTime(started) - intended;
                record(added > TimeSpan.Zero ? added : TimeSpan.Zero);
                return Task.CompletedTask;
            });
            return next(context);
        });
}
