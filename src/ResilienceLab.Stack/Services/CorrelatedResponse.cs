using System.Text.Json.Nodes;

namespace ResilienceLab.Stack.Services;

/// <summary>The reply to an asynchronous request: its correlation id, the reply's body (JSON when it parses, else null) and raw text, and the reply message's id.</summary>
public sealed record CorrelatedResponse(string CorrelationId, JsonNode? Body, string RawBody, string MessageId);
