using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PollyPipeline.Tests;

/// <summary>
/// The code under test: a payment client built the way a .NET team builds one, an HttpClient behind a Polly v8 pipeline
/// (a timeout per attempt and, in the hardened version, a circuit breaker). Nothing here knows about ResilienceLab but the
/// breaker's three callbacks, which tell the run when it opens, probes and closes.
/// </summary>
public sealed class PaymentClient(HttpClient http, Uri payment, ResiliencePipeline pipeline)
{
    /// <summary>Charges an order; the reason when it failed (null when it succeeded).</summary>
    public async ValueTask<string?> ChargeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async token => await http.PostAsync(new Uri(payment, "charge"), new StringContent("{\"amount\": 42}"), token),
                cancellationToken);
            return response.IsSuccessStatusCode ? null : $"http_{(int)response.StatusCode}";
        }
        catch (BrokenCircuitException)
        {
            return "circuit_open";
        }
        catch (TimeoutRejectedException)
        {
            return "timeout";
        }
        catch (HttpRequestException)
        {
            return "connection_error";
        }
    }

    /// <summary>Timeout, then a circuit breaker that opens when half the calls of the last second fail (at least 5), for 3 s.</summary>
    public static ResiliencePipeline Hardened(ResilienceLab.Harness.Runs.ExternalBreaker breaker) => new ResiliencePipelineBuilder()
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 5,
            SamplingDuration = TimeSpan.FromSeconds(1),
            BreakDuration = TimeSpan.FromSeconds(3),
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>()
                .HandleResult(r => r is HttpResponseMessage { StatusCode: >= System.Net.HttpStatusCode.InternalServerError }),
            OnOpened = _ => { breaker.Opened(); return default; },
            OnHalfOpened = _ => { breaker.HalfOpened(); return default; },
            OnClosed = _ => { breaker.Closed(); return default; },
        })
        .AddTimeout(TimeSpan.FromSeconds(1))
        .Build();

    /// <summary>The same client without a breaker: a timeout and nothing to stop it waiting on a failing dependency.</summary>
    public static ResiliencePipeline TimeoutOnly() => new ResiliencePipelineBuilder()
        .AddTimeout(TimeSpan.FromSeconds(1))
        .Build();
}
