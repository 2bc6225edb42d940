using System.Globalization;
using System.Text.Json.Nodes;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Services;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Stack.Workflows;

/// <summary>
/// The document's orchestrator: runs a workflow's steps in order through their service clients; a failed required
/// step fails the workflow, a failed optional step degrades to its fallback. As the document, it then publishes
/// <c>WorkflowCompleted</c> with <c>workflow_id</c>, <c>status</c> (<c>completed</c> or <c>failed</c>) and
/// <c>duration_ms</c>, and only when something throws on the way (a publish that failed without an outbox) does it
/// publish <c>WorkflowFailed</c> with status <c>error</c>. <see cref="OrchestratorOptions.FailedWorkflowEvent"/> can make a
/// failed workflow a <c>WorkflowFailed</c> instead. A workflow with an <see cref="WorkflowDefinition.OutcomeTopic"/> also
/// publishes its outcome to that topic, best effort.
/// </summary>
public sealed class LooseCouplingOrchestrator
{
    private readonly IReadOnlyDictionary<string, IServiceInterface> _services;
    private readonly IWorkflowEventPublisher? _events;
    private readonly IReadOnlyDictionary<string, ITopic> _topics;
    private readonly OrchestratorOptions _options;
    private readonly TimeProvider _time;
    private long _sequence;
    private long _outcomesNotPublished;

    /// <param name="services">The service clients by name.</param>
    /// <param name="timeProvider">The clock of the durations.</param>
    /// <param name="events">Where workflow events go; null for none.</param>
    /// <param name="topics">The topics workflows publish their outcome to, by name; null for none.</param>
    /// <param name="options">How workflows are announced; null for the document's way.</param>
    public LooseCouplingOrchestrator(
        IReadOnlyDictionary<string, IServiceInterface> services,
        TimeProvider timeProvider,
        IWorkflowEventPublisher? events = null,
        IReadOnlyDictionary<string, ITopic>? topics = null,
        OrchestratorOptions? options = null)
    {
        _options = options ?? new OrchestratorOptions();
        _options.Validate();
        _services = services;
        _time = timeProvider;
        _events = events;
        _topics = topics ?? new Dictionary<string, ITopic>();
    }

    /// <summary>Outcomes that could not be published to their topic (the topic failed); the workflow went on regardless.</summary>
    public long OutcomesNotPublished => Interlocked.Read(ref _outcomesNotPublished);

    public async ValueTask<WorkflowResult> ExecuteWorkflowAsync(WorkflowDefinition workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var workflowId = $"workflow_{Interlocked.Increment(ref _sequence).ToString("D8", CultureInfo.InvariantCulture)}";
        using var activity = StackActivities.StartWorkflow(workflow.Name, workflowId);
        var started = _time.GetTimestamp();
        var steps = new List<StepResult>(workflow.Steps.Count);
        WorkflowResult outcome;
        try
        {
            var status = WorkflowStatus.Completed;
            foreach (var step in workflow.Steps)
            {
                var result = await ExecuteStepAsync(step, cancellationToken).ConfigureAwait(false);
                steps.Add(result);
                if (!result.Success && step.Required)
                {
                    status = WorkflowStatus.Failed;
                    break;
                }
            }

            outcome = new WorkflowResult(workflowId, workflow.Name, status, steps, _time.GetElapsedTime(started));
            if (_events is not null)
            {
                var eventType = status == WorkflowStatus.Completed ? WorkflowEvents.Completed : _options.FailedWorkflowEvent;

                // Publishing is fire-and-forget for the caller: the event service buffers and retries on its own.
                await _events.PublishEventAsync(eventType, Describe(outcome), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // As the document's execute_workflow: what escapes the steps is the workflow's error, announced as WorkflowFailed;
            // if that publish fails too, its error goes to the caller.
            outcome = new WorkflowResult(workflowId, workflow.Name, WorkflowStatus.Error, steps, _time.GetElapsedTime(started), ex.Message);
            if (_events is not null)
            {
                await _events.PublishEventAsync(WorkflowEvents.Failed, Describe(outcome), cancellationToken).ConfigureAwait(false);
            }
        }

        StackActivities.EndWorkflow(activity, outcome.Status.ToString().ToLowerInvariant(), outcome.FailedStep?.StepName);
        await PublishOutcomeAsync(workflow, outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>The events' detail: <c>workflow_id</c>, <c>workflow</c>, <c>status</c>, <c>duration_ms</c> and, when something failed, <c>error</c>.</summary>
    private static JsonObject Describe(WorkflowResult outcome)
    {
        var data = new JsonObject
        {
            ["workflow_id"] = outcome.WorkflowId,
            ["workflow"] = outcome.WorkflowName,
            ["status"] = outcome.Status.ToString().ToLowerInvariant(),
            ["duration_ms"] = (long)outcome.Duration.TotalMilliseconds,
        };
        if (outcome.Error is { } error)
        {
            data["error"] = error;
        }
        else if (outcome.FailedStep is { } failed)
        {
            data["error"] = $"{failed.StepName}: {failed.Error}";
        }

        return data;
    }

    private async ValueTask PublishOutcomeAsync(WorkflowDefinition workflow, WorkflowResult outcome, CancellationToken cancellationToken)
    {
        if (workflow.OutcomeTopic is not { } name || !_topics.TryGetValue(name, out var topic))
        {
            return;
        }

        try
        {
            await topic.PublishAsync(Describe(outcome).ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (PortException)
        {
            // A notification, not part of the workflow: its loss is counted (and shows in the message accounting).
            Interlocked.Increment(ref _outcomesNotPublished);
        }
    }

    private async ValueTask<StepResult> ExecuteStepAsync(WorkflowStep step, CancellationToken cancellationToken)
    {
        using var activity = StackActivities.StartStep(step.Name, step.Service, step.Required);
        var result = await RunStepAsync(step, cancellationToken).ConfigureAwait(false);
        StackActivities.EndStep(activity, result.Success ? "ok" : result.Degraded ? "degraded" : "failed", result.Error, result.Attempts);
        return result;
    }

    private async ValueTask<StepResult> RunStepAsync(WorkflowStep step, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        if (!_services.TryGetValue(step.Service, out var client))
        {
            // An optional step degrades to its fallback here too, or FailedStep would name it although the workflow completed.
            return Failed(step, "service_not_found", 0, started);
        }

        try
        {
            var outcome = await client.TryCallAsync((JsonObject)step.Request.DeepClone(), cancellationToken).ConfigureAwait(false);
            return outcome.Response is { } response
                ? new StepResult(step.Name, step.Service, true, false, null, response.Body, response.Attempts, _time.GetElapsedTime(started))
                : Failed(step, outcome.Failure!.Reason, outcome.Failure.Attempts, started);
        }
        catch (ServiceCallException ex)
        {
            return Failed(step, ex.Reason, ex.Attempts, started);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // As the document's _execute_step: any failure of a step is that step's failure, not the workflow's crash.
            return Failed(step, "unexpected_error", 0, started);
        }
    }

    private StepResult Failed(WorkflowStep step, string reason, int attempts, long started)
    {
        var degraded = !step.Required;
        var fallback = degraded ? step.Fallback?.DeepClone() : null;
        return new StepResult(step.Name, step.Service, false, degraded, reason, fallback, attempts, _time.GetElapsedTime(started));
    }
}
