using Amazon.DynamoDBv2.Model;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// Builds one UpdateItem's update and condition expressions on a breaker item, always conditioned on the version.
/// Every attribute name goes through a placeholder (<c>state</c> is a DynamoDB reserved word), every value through one.
/// </summary>
internal sealed class UpdateExpressionBuilder
{
    private readonly List<string> _set = [];
    private readonly List<string> _add = [];
    private readonly List<string> _conditions = [];

    public UpdateExpressionBuilder(long expectedVersion) => _conditions.Add($"{Name(BreakerItemAttributes.Version)} = {Value(BreakerItemAttributes.Number(expectedVersion))}");

    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AttributeValue> Values { get; } = new(StringComparer.Ordinal);

    public string UpdateExpression =>
        string.Join(' ', new[] { Clause("SET", _set), Clause("ADD", _add) }.Where(c => c.Length > 0));

    public string ConditionExpression => string.Join(" AND ", _conditions);

    public void Set(string attribute, AttributeValue value) => _set.Add($"{Name(attribute)} = {Value(value)}");

    /// <summary>Atomically adds <paramref name="value"/> to a top-level number (ADD; a missing attribute starts at 0).</summary>
    public void Add(string attribute, AttributeValue value) => _add.Add($"{Name(attribute)} {Value(value)}");

    /// <summary>Atomically adds <paramref name="value"/> to one entry of a map attribute (ADD takes top-level attributes only, so SET with if_not_exists).</summary>
    public void AddToMapEntry(string map, string key, AttributeValue value)
    {
        var path = $"{Name(map)}.{Name(key)}";
        _set.Add($"{path} = if_not_exists({path}, {Value(BreakerItemAttributes.Number(0))}) + {Value(value)}");
    }

    public void Require(string attribute, AttributeValue value) => _conditions.Add($"{Name(attribute)} = {Value(value)}");

    public void RequireAtMost(string attribute, AttributeValue value) => _conditions.Add($"{Name(attribute)} <= {Value(value)}");

    private static string Clause(string keyword, List<string> actions) => actions.Count == 0 ? string.Empty : $"{keyword} {string.Join(", ", actions)}";

    private string Name(string attribute)
    {
        var existing = Names.FirstOrDefault(pair => pair.Value == attribute).Key;
        if (existing is not null)
        {
            return existing;
        }

        var placeholder = $"#n{Names.Count}";
        Names[placeholder] = attribute;
        return placeholder;
    }

    private string Value(AttributeValue value)
    {
        var placeholder = $":v{Values.Count}";
        Values[placeholder] = value;
        return placeholder;
    }
}
