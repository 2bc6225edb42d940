using System.Globalization;
using System.Text.Json.Nodes;
using ResilienceLab.Stack.Services;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Stack.Workflows;

/// <summary>
/// The document's orchestrator: runs a workflow's steps in order through their service clients; a failed required
/// step fails the workflow, a failed optional step degrades to its fallback; publishes <c>WorkflowCompleted</c>
/// or <c>WorkflowFailed</c> with <c>workflow_id</c>, <c>status</c> and <c>duration_ms</c>.
/// </summary>
public sealed class LooseCouplingOrchestrator
{
    private readonly IReadOnlyDictionary<string, IServiceInterface> _services;
    private readonly IWorkflowEventPublisher? _events;
    private readonly TimeProvider _time;
    private long _sequence;

    public LooseCouplingOrchestrator(IReadOnlyDictionary<string, IServiceInterface> services, TimeProvider timeProvider, IWorkflowEventPublisher? events = null)
    {
        _services = services;
        _time = timeProvider;
        _events = events;
    }

    public async ValueTask<WorkflowResult> ExecuteWorkflowAsync(WorkflowDefinition workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var workflowId = $"workflow_{Interlocked.Increment(ref _sequence).ToString("D8", CultureInfo.InvariantCulture)}";
        using var activity = StackActivities.StartWorkflow(workflow.Name, workflowId);
        var started = _time.GetTimestamp();
        var steps = new List<StepResult>(workflow.Steps.Count);
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

        var duration = _time.GetElapsedTime(started);
        var outcome = new WorkflowResult(workflowId, workflow.Name, status, steps, duration);
        StackActivities.EndWorkflow(activity, status == WorkflowStatus.Completed ? "completed" : "failed", outcome.FailedStep?.StepName);
        if (_events is not null)
        {
            var eventType = status == WorkflowStatus.Completed ? "WorkflowCompleted" : "WorkflowFailed";
            var data = new JsonObject
            {
                ["workflow_id"] = workflowId,
                ["workflow"] = workflow.Name,
                ["status"] = status.ToString().ToLowerInvariant(),
                ["duration_ms"] = (long)duration.TotalMilliseconds,
            };
            if (outcome.FailedStep is { } failed)
            {
                data["error"] = $"{failed.StepName}: {failed.Error}";
            }

            // Publishing is fire-and-forget for the caller: the event service buffers and retries on its own.
            await _events.PublishEventAsync(eventType, data, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
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
