namespace ResilienceLab.Tests.Shared;

/// <summary>A message fauxqs holds: its body and its String message attributes.</summary>
public sealed record FauxqsMessage(string Body, IReadOnlyDictionary<string, string> Attributes);
