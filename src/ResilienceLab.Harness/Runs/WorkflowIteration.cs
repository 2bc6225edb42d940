using ResilienceLab.Load;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// One load iteration of a run or a game day: the workflow once through the orchestrator. It succeeds when the workflow
/// completes (counting completions that degraded an optional step) and fails with the first failed required step's
/// service and reason, e.g. <c>payment:circuit_open</c>.
/// </summary>
internal sealed class WorkflowIteration(IReadOnlyList<LooseCouplingOrchestrator> fleet, WorkflowDefinition workflow)
{
    private long _degraded;

    /// <summary>Completed workflows in which an optional step fell back.</summary>
    public long Degraded => Interlocked.Read(ref _degraded);

    public async ValueTask<IterationOutcome> RunAsync(IterationContext context, CancellationToken cancellationToken)
    {
        // Arrivals are spread over the fleet in turn, as a load balancer would.
        var orchestrator = fleet[(int)(context.Number % fleet.Count)];
        var result = await orchestrator.ExecuteWorkflowAsync(workflow, cancellationToken).ConfigureAwait(false);
        if (result.Status == WorkflowStatus.Completed)
        {
            if (result.Steps.Any(s => s.Degraded))
            {
                Interlocked.Increment(ref _degraded);
            }

            return IterationOutcome.Success;
        }

        var failed = result.FailedStep;
        return IterationOutcome.Failure(failed is null ? "workflow_error" : $"{failed.ServiceName}:{failed.Error}");
    }
}
