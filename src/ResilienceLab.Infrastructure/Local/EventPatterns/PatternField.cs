namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>One field of a pattern object: either a nested pattern object or a match array (any of its matchers).</summary>
internal sealed record PatternField(string Name, PatternNode? Nested, IReadOnlyList<ValueMatcher>? Matchers);
