using System.Text.Json.Nodes;

namespace ResilienceLab.Stack.Services;

/// <summary>
/// What a call returned: <c>ok</c> with the dependency's body, or (asynchronous calls) <c>accepted</c> with the
/// correlation id and message id, as the document's client returns; plus how many attempts it took.
/// </summary>
public sealed record ServiceResponse(string Status, JsonNode? Body, int Attempts, string? CorrelationId = null, string? MessageId = null);
