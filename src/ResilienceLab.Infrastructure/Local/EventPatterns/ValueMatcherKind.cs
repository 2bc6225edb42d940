namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>The content filters EventBridge documents, plus exact values.</summary>
internal enum ValueMatcherKind
{
    ExactString,
    ExactAddress,
    ExactNumber,
    ExactTrue,
    ExactFalse,
    ExactNull,
    Prefix,
    PrefixIgnoreCase,
    Suffix,
    SuffixIgnoreCase,
    EqualsIgnoreCase,
    Wildcard,
    Numeric,
    Cidr,
    Exists,
    Absent,
    AnythingBut,
}
