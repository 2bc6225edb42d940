using System.Text.Json.Nodes;

namespace ResilienceLab.Stack.Workflows;

/// <summary>
/// The outcome of one step. <see cref="Degraded"/> marks an optional step that failed and was replaced by its fallback;
/// <see cref="Error"/> is the failure reason code (see <see cref="Services.ServiceCallException.Reason"/>).
/// </summary>
public sealed record StepResult(
    string StepName,
    string ServiceName,
    bool Success,
    bool Degraded,
    string? Error,
    JsonNode? Response,
    int Attempts,
    TimeSpan Duration);
