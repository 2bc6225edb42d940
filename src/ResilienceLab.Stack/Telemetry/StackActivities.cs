using System.Diagnostics;
using ResilienceLab.Stack.Breaker;

namespace ResilienceLab.Stack.Telemetry;

/// <summary>
/// The stack's spans on an <see cref="ActivitySource"/> named <c>ResilienceLab</c>: one per workflow (<c>workflow NAME</c>),
/// a child per step (<c>step NAME</c>), and a child of the step per client attempt (<c>attempt SERVICE</c>). Breaker
/// rejections, breaker transitions and scheduled retries are events on the step; an injected fault is an event on the
/// attempt it hit. Without a listener nothing is allocated: every start returns null and every event is skipped.
/// </summary>
public static class StackActivities
{
    public const string SourceName = "ResilienceLab";

    /// <summary>Response header naming the injected fault that shaped an answer; an attempt that sees it records <see cref="FaultInjectedEvent"/>.</summary>
    public const string InjectedFaultHeader = "X-Injected-Fault";

    public const string FaultInjectedEvent = "fault.injected";
    public const string BreakerRejectedEvent = "breaker.rejected";
    public const string BreakerTransitionEvent = "breaker.transition";
    public const string RetryScheduledEvent = "retry.scheduled";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The stack's span of the current flow, or null when there is none (or the current span is another library's).</summary>
    public static Activity? Current => Activity.Current is { } activity && ReferenceEquals(activity.Source, Source) ? activity : null;

    public static Activity? StartWorkflow(string workflow, string workflowId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("workflow " + workflow, ActivityKind.Internal);
        activity?.SetTag("resiliencelab.workflow.name", workflow);
        activity?.SetTag("resiliencelab.workflow.id", workflowId);
        return activity;
    }

    public static void EndWorkflow(Activity? activity, string status, string? failedStep)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("resiliencelab.workflow.status", status);
        if (failedStep is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, failedStep);
        }
    }

    public static Activity? StartStep(string step, string service, bool required)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("step " + step, ActivityKind.Internal);
        activity?.SetTag("resiliencelab.step.name", step);
        activity?.SetTag("resiliencelab.service", service);
        activity?.SetTag("resiliencelab.step.required", required);
        return activity;
    }

    /// <param name="outcome">ok, degraded (an optional step fell back) or failed.</param>
    public static void EndStep(Activity? activity, string outcome, string? reason, int attempts)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("resiliencelab.step.outcome", outcome);
        activity.SetTag("resiliencelab.step.attempts", attempts);
        if (reason is not null)
        {
            activity.SetTag("resiliencelab.step.reason", reason);
            activity.SetStatus(outcome == "failed" ? ActivityStatusCode.Error : ActivityStatusCode.Unset, reason);
        }
    }

    public static Activity? StartAttempt(string service, int attempt, bool probe)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("attempt " + service, ActivityKind.Client);
        activity?.SetTag("resiliencelab.service", service);
        activity?.SetTag("resiliencelab.attempt", attempt);
        activity?.SetTag("resiliencelab.breaker.probe", probe);
        return activity;
    }

    /// <param name="failure">The attempt's failure reason (http_503, timeout, queue_error, ...), or null when it succeeded.</param>
    public static void EndAttempt(Activity? activity, string? failure)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("resiliencelab.attempt.outcome", failure ?? "ok");
        if (failure is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, failure);
        }
    }

    /// <summary>An injected fault hit the call of the current flow (an attempt, else the step or workflow it belongs to).</summary>
    public static void FaultInjected(string fault, string? kind = null, string? target = null, string? operation = null)
    {
        if (Current is not { } activity)
        {
            return;
        }

        var tags = new ActivityTagsCollection { ["resiliencelab.fault.name"] = fault };
        if (kind is not null)
        {
            tags["resiliencelab.fault.kind"] = kind;
        }

        if (target is not null)
        {
            tags["resiliencelab.fault.target"] = target;
        }

        if (operation is not null)
        {
            tags["resiliencelab.fault.operation"] = operation;
        }

        activity.AddEvent(new ActivityEvent(FaultInjectedEvent, tags: tags));
    }

    /// <summary>The breaker (or bulkhead) refused a call before it reached the dependency.</summary>
    public static void BreakerRejected(string service, string reason) =>
        Current?.AddEvent(new ActivityEvent(BreakerRejectedEvent, tags: new ActivityTagsCollection
        {
            ["resiliencelab.service"] = service,
            ["resiliencelab.breaker.reason"] = reason,
        }));

    public static void BreakerTransitioned(BreakerTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        Current?.AddEvent(new ActivityEvent(BreakerTransitionEvent, tags: new ActivityTagsCollection
        {
            ["resiliencelab.service"] = transition.ServiceName,
            ["resiliencelab.breaker.from"] = transition.From.ToString(),
            ["resiliencelab.breaker.to"] = transition.To.ToString(),
            ["resiliencelab.breaker.reason"] = transition.Reason,
        }));
    }

    public static void RetryScheduled(string service, int attempt, TimeSpan delay) =>
        Current?.AddEvent(new ActivityEvent(RetryScheduledEvent, tags: new ActivityTagsCollection
        {
            ["resiliencelab.service"] = service,
            ["resiliencelab.attempt"] = attempt,
            ["resiliencelab.retry.delay_ms"] = delay.TotalMilliseconds,
        }));
}
