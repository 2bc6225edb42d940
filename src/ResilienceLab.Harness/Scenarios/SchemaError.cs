namespace ResilienceLab.Harness.Scenarios;

/// <summary>
/// One failed keyword of a schema evaluation: where in the instance (a JSON pointer), how the evaluation got there,
/// which schema node failed (a URI fragment), the keyword (empty for a <c>false</c> schema) and the library's message.
/// </summary>
internal sealed record SchemaError(string InstancePointer, string EvaluationPath, string SchemaFragment, string Keyword, string Message);
