using System.Text.Json.Nodes;

namespace ResilienceLab.Stack.Workflows;

/// <summary>
/// A workflow step: the service to call, whether the workflow fails without it (<c>required</c>), the request,
/// and for optional steps the fallback response used when the service fails (graceful degradation).
/// </summary>
public sealed record WorkflowStep(string Name, string Service, bool Required, JsonObject Request, JsonObject? Fallback = null);
