using System.Text.Json.Nodes;

namespace ResilienceLab.Harness.Tests.Input;

/// <summary>
/// Mutates a valid JSON document the way a careless or hostile user would: a value replaced by null, another type, a huge
/// or path-like or control-character string, an extreme number; a field removed, renamed or added; or the text itself
/// cut short or garbled. Deterministic from its seed.
/// </summary>
internal static class JsonMutator
{
    private static readonly string[] Strings =
    [
        "", " ", "../../etc", "/tmp/x", ".", "..", "a/b", "\u001b[2J\u001b]0;x\u0007", "<script>alert(1)</script>", "a | b",
        "0", "-1", "1e309", "NaN", "🙂", "\u202eevil", "{\"x\":1}", "[", "10s", "-5s", "0ms", "999999h", "payment", "inventory",
        "http://10.0.0.1/", "http://127.0.0.1:1/", "table", "local", "none", "contained", "breaker.payment.time_to_open_s",
    ];

    private static readonly JsonNode?[] Numbers = [0, -1, 1, 0.5, -0.0001, 2147483647, 2147483648L, -2147483649L, 1e300, -1e300, 1e-300, 123456789012345678L];

    public static string Mutate(string json, int seed)
    {
        var random = new Random(seed);
        if (random.Next(10) == 0)
        {
            return Garble(json, random);
        }

        var root = JsonNode.Parse(json)!;
        var mutations = 1 + random.Next(3);
        for (var i = 0; i < mutations; i++)
        {
            root = MutateSomewhere(root, random);
        }

        return root?.ToJsonString() ?? "null";
    }

    private static string Garble(string json, Random random) => random.Next(4) switch
    {
        0 => json[..random.Next(json.Length)],
        1 => json.Insert(random.Next(json.Length), Strings[random.Next(Strings.Length)]),
        2 => json.Remove(random.Next(json.Length), 1),
        _ => new string(json.Select(c => random.Next(200) == 0 ? (char)random.Next(32, 127) : c).ToArray()),
    };

    private static JsonNode? MutateSomewhere(JsonNode? root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        if (nodes.Count == 0 || random.Next(50) == 0)
        {
            return Replacement(random);
        }

        var target = nodes[random.Next(nodes.Count)];
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(3) == 0:
                var key = obj.ElementAt(random.Next(obj.Count)).Key;
                if (random.Next(2) == 0)
                {
                    obj.Remove(key);
                }
                else
                {
                    var value = obj[key];
                    obj.Remove(key);
                    obj[key + (random.Next(2) == 0 ? "_" : "s")] = value;
                }

                return root;
            case JsonObject obj when random.Next(3) == 0:
                obj["unexpected_" + random.Next(100)] = Replacement(random);
                return root;
            case JsonArray array when random.Next(3) == 0:
                if (array.Count > 0 && random.Next(2) == 0)
                {
                    array.RemoveAt(random.Next(array.Count));
                }
                else
                {
                    array.Add(Replacement(random));
                }

                return root;
        }

        if (target.Parent is JsonObject parent)
        {
            parent[target.GetPropertyName()] = Replacement(random);
        }
        else if (target.Parent is JsonArray list)
        {
            list[target.GetElementIndex()] = Replacement(random);
        }
        else
        {
            return Replacement(random);
        }

        return root;
    }

    private static JsonNode? Replacement(Random random) => random.Next(8) switch
    {
        0 => null,
        1 or 2 => JsonValue.Create(random.Next(4) == 0 ? new string('x', random.Next(1, 5000)) : Strings[random.Next(Strings.Length)]),
        3 or 4 => Numbers[random.Next(Numbers.Length)]?.DeepClone(),
        5 => JsonValue.Create(random.Next(2) == 0),
        6 => new JsonObject(),
        _ => new JsonArray(),
    };

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Collect(value, nodes);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, nodes);
                }

                break;
        }
    }
}
