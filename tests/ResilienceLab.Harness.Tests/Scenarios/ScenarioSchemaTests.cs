using System.Text.Json;
using Json.Schema;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Tests.Configuration;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Hypotheses;

namespace ResilienceLab.Harness.Tests.Scenarios;

public sealed class ScenarioSchemaTests
{
    private const string ValidFaults = """
        { "kind": "http_error", "target": "payment", "start": "1s", "duration": "5s", "status": 429, "retry_after": "2s", "delay": 0.3 },
        { "kind": "http_delay", "target": "payment", "start": "1s", "duration": "5s", "delay": "300ms" },
        { "kind": "http_delay_uniform", "target": "payment", "start": "1s", "duration": "5s", "delay_min": "100ms", "delay_max": "400ms" },
        { "kind": "http_delay_lognormal", "target": "payment", "start": "1s", "duration": "5s", "median": "120ms", "sigma": 0.8, "delay_max": "3s" },
        { "kind": "http_blackhole", "target": "inventory", "start": "1s", "duration": "5s", "rate": 0.1 },
        { "kind": "http_empty_response", "target": "inventory", "start": "1s", "duration": "5s" },
        { "kind": "http_malformed_chunk", "target": "inventory", "start": "1s", "duration": "5s" },
        { "kind": "http_connection_reset", "target": "inventory", "start": "1s", "duration": "5s", "rate": 0.2 },
        { "kind": "http_flapping", "target": "payment", "start": "1s", "duration": "20s", "period": "4s", "status": 502 },
        { "kind": "http_first_n", "target": "payment", "start": "1s", "duration": "5s", "first_n": 10 },
        { "kind": "api_internal_error", "target": "shipping-requests", "start": "1s", "duration": "5s", "operations": ["SendMessage"] },
        { "kind": "api_throttle", "target": "event-bus", "start": "1s", "duration": "5s", "rate": 0.5 },
        { "kind": "api_unavailable", "target": "breaker-table", "start": "1s", "duration": "5s", "operations": ["GetItem"] },
        { "kind": "api_latency", "target": "order-notifications", "start": "1s", "duration": "5s", "delay": "2s" },
        { "kind": "consumer_crash", "target": "shipping-requests", "start": "1s", "duration": "5s", "mode": "crash_before_delete" },
        { "kind": "poison_message", "target": "shipping-requests", "start": "1s", "duration": "5s", "rate": 0.05 }
        """;

    public static TheoryData<string> RepositoryScenarios()
    {
        var folder = Path.Combine(Path.GetDirectoryName(ConfigReaderTests.RepositoryConfig())!, "scenarios");
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RepositoryScenarios))]
    public void Check_RepositoryScenario_HasNoProblems(string name)
    {
        var file = Path.Combine(Path.GetDirectoryName(ConfigReaderTests.RepositoryConfig())!, "scenarios", name);

        Assert.Empty(CreateSut().Check(file));
    }

    [Theory]
    [MemberData(nameof(RepositoryScenarios))]
    public void RepositoryScenario_NamesTheSchemaForEditors(string name)
    {
        var file = Path.Combine(Path.GetDirectoryName(ConfigReaderTests.RepositoryConfig())!, "scenarios", name);
        using var document = JsonDocument.Parse(File.ReadAllText(file));

        Assert.Equal("./schema/scenario.schema.json", document.RootElement.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Check_EveryKindWithItsParametersAndGameDayFields_HasNoProblems()
    {
        var problems = Check($$"""
        {
          "$schema": "./schema/scenario.schema.json",
          "// note": "comment keys are skipped, as the readers skip them",
          "name": "everything", "description": "every kind", "workflow": "place-order", "seed": -3, "warm_up": "1m30s",
          "max_in_flight": 10, "quick_scale": 0.5,
          "load": [
            { "kind": "inject", "rate": 10, "interval": "1s", "during": 30 },
            { "kind": "ramping_inject", "rate": 0, "during": "10S" },
            { "kind": "keep_constant", "copies": 2, "during": "1.5m" },
            { "kind": "ramping_constant", "copies": 0, "during": "2h" },
            { "kind": "pause", "during": "500ms" },
            { "kind": "iterations_for_constant", "copies": 1, "iterations": 5 },
            { "kind": "iterations_for_inject", "rate": 2, "interval": "2s", "iterations": 7 }
          ],
          "faults": [ {{ValidFaults}} ],
          "hypothesis": [ { "name": "n", "metric": "fault.error_rate", "op": "==", "threshold": 0, "description": "d" } ],
          "stress_window": { "start": "0s", "duration": "8s" },
          "stop_conditions": [
            { "name": "too many errors", "metric": "error_rate", "op": ">", "threshold": 0.5, "for": "5s" },
            { "metric": "dependency.inventory.attempts_per_call", "op": ">", "threshold": 2 },
            { "metric": "breaker.payment.state", "op": ">=", "threshold": 2, "for": "30s" }
          ],
          "catalogue": [ { "name": "slow payment", "kind": "http_delay", "target": "payment", "duration": "10s", "delay": "1s" } ]
        }
        """);

        Assert.Empty(problems);
    }

    [Fact]
    public void Check_BrokenScenario_ReportsEveryProblemAtItsFieldPath()
    {
        var problems = Check("""
        {
          "workflow": 5,
          "colour": "red",
          "load": [ { "kind": "warp", "during": "10s" }, { "kind": "keep_constant", "copies": 0, "during": "10s", "rate": 3 } ],
          "faults": [
            { "kind": "http_delay", "target": "payment", "start": "1s", "duration": "5s", "delay": "1s", "sigma": 0.4 },
            { "kind": "http_error", "start": "1s", "duration": "soon" }
          ],
          "hypothesis": [ { "metric": "latency", "op": "~", "threshold": "low" } ],
          "catalogue": [ { "kind": "http_blackhole", "target": "payment", "start": "1s", "duration": "5s" } ],
          "stop_conditions": [ { "metric": "run.error_rate", "op": ">", "threshold": 0.5 } ]
        }
        """);

        (string Path, string Message)[] expected =
            [
                ("workflow", "expected a non-empty string, found 5"),
                ("load[0].kind", "'warp' is not one of: inject, ramping_inject, keep_constant, ramping_constant, pause, iterations_for_constant, iterations_for_inject"),
                ("load[1].rate", "is not a field of a keep_constant segment"),
                ("load[1].copies", "0 should be at least 1"),
                ("faults[0].sigma", "is not a parameter of http_delay"),
                ("faults[1].target", "is required"),
                ("faults[1].duration", "expected a duration longer than zero such as \"15s\", \"250ms\", \"1m30s\" or a number of seconds, found \"soon\""),
                ("hypothesis[0].metric", "'latency' is not a metric: it starts with breaker., summary., queue., messages., control. or a window (run, pre_fault, fault, post_fault)"),
                ("hypothesis[0].op", "'~' is not one of: <, <=, >, >=, =="),
                ("hypothesis[0].threshold", "expected a number, found \"low\""),
                ("catalogue[0].start", "a catalogue fault has no start: the game day starts it"),
                ("stop_conditions[0].metric", "'run.error_rate' is not a live metric: error_rate, latency_p99_ms, requests_per_second, dropped, in_flight, dependency.SERVICE.(error_rate|errors|attempts_per_call) or breaker.SERVICE.state"),
                ("colour", "unknown field"),
            ];
        Assert.Equal(expected.OrderBy(p => p.Path, StringComparer.Ordinal), problems.Select(p => (p.Path, p.Message)).OrderBy(p => p.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void Check_MissingRequiredFields_ReportsEachAtItsOwnPath()
    {
        var problems = Check("""{ "faults": [ { "kind": "http_first_n" } ], "stress_window": {} }""");

        Assert.Equal(
            ["faults[0].duration", "faults[0].first_n", "faults[0].start", "faults[0].target", "hypothesis", "load", "stress_window.duration", "stress_window.start", "workflow"],
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.Equal("is required", p.Message));
    }

    [Theory]
    [InlineData("15s")]
    [InlineData("250ms")]
    [InlineData("1.5m")]
    [InlineData("2h")]
    [InlineData("1m30s")]
    [InlineData("10S")]
    [InlineData(" 5s ")]
    [InlineData(".5s")]
    [InlineData("5.s")]
    [InlineData("0s")]
    [InlineData("10x")]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("1..5s")]
    [InlineData("5 s")]
    [InlineData("1sm")]
    [InlineData("-1s")]
    [InlineData("1m 30s")]
    public void Check_DurationText_AcceptedExactlyWhenTheDurationParserAcceptsIt(string text)
    {
        var parses = DurationParser.TryParse(text, out _, out _);

        var problems = Check($$"""{ "workflow": "w", "warm_up": {{JsonSerializer.Serialize(text)}}, "load": [ { "kind": "pause", "during": "1s" } ], "hypothesis": [ { "name": "c", "metric": "run.error_rate", "op": "<=", "threshold": 0 } ] }""");

        Assert.Equal(parses, problems.Count == 0);
    }

    [Fact]
    public void Schema_IsValidDraft202012()
    {
        using var schema = JsonDocument.Parse(ScenarioSchema.Default.Text);

        var results = MetaSchemas.Draft202012.Evaluate(schema.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, string.Join(Environment.NewLine, (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Schema_UsesOnlyKnownKeywords()
    {
        using var schema = JsonDocument.Parse(ScenarioSchema.Default.Text);

        Assert.Empty(UnknownKeywords(schema.RootElement, "#"));
    }

    [Fact]
    public void Schema_EmbeddedCopy_IsTheRepositoryFile()
    {
        var file = Path.Combine(Path.GetDirectoryName(ConfigReaderTests.RepositoryConfig())!, ScenarioSchema.RepositoryPath);

        Assert.Equal(File.ReadAllText(file), ScenarioSchema.Default.Text);
    }

    [Fact]
    public void Schema_KindsOperatorsAndParameters_MatchTheReaders()
    {
        using var schema = JsonDocument.Parse(ScenarioSchema.Default.Text);
        var defs = schema.RootElement.GetProperty("$defs");
        var fault = defs.GetProperty("faultDefinition");

        Assert.Equal(FaultNames.All, Strings(fault.GetProperty("properties").GetProperty("kind").GetProperty("enum")));
        Assert.Equal(FaultNames.AllCrashModes, Strings(fault.GetProperty("properties").GetProperty("mode").GetProperty("enum")));
        Assert.Equal(ScenarioReader.LoadKinds, Strings(defs.GetProperty("loadSimulation").GetProperty("properties").GetProperty("kind").GetProperty("enum")));
        Assert.Equal(ComparisonOperators.Symbols, Strings(defs.GetProperty("comparison").GetProperty("enum")));

        string[] common = ["name", "kind", "target", "start", "duration", "rate", "instances"];
        var parameters = fault.GetProperty("properties").EnumerateObject().Select(p => p.Name).Except(common).ToList();
        foreach (var block in fault.GetProperty("allOf").EnumerateArray())
        {
            var kind = block.GetProperty("if").GetProperty("properties").GetProperty("kind").GetProperty("const").GetString()!;
            var forbidden = block.GetProperty("then").GetProperty("properties").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.False).Select(p => p.Name);
            Assert.True(FaultNames.TryParse(kind, out var parsed), kind);
            Assert.Equal(FaultReader.ParametersOf(parsed).Order(StringComparer.Ordinal), parameters.Except(forbidden).Order(StringComparer.Ordinal));
            Assert.True(forbidden.Contains("instances") == (FaultNames.CategoryOf(parsed) != FaultCategory.Http), $"{kind}: instances");
        }
    }

    private static ScenarioSchema CreateSut() => ScenarioSchema.Default;

    private static IReadOnlyList<InputProblem> Check(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CreateSut().Check("scenario.json", document.RootElement);
    }

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);

    private static readonly HashSet<string> Keywords =
    [
        "$schema", "$id", "$ref", "$defs", "$comment", "title", "description", "type", "enum", "const", "required", "properties",
        "patternProperties", "additionalProperties", "items", "minItems", "minimum", "maximum", "exclusiveMinimum", "pattern",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ];

    /// <summary>Every key of a schema object that is no keyword this schema means to use (a misspelt keyword is silently ignored).</summary>
    private static IEnumerable<string> UnknownKeywords(JsonElement schema, string at)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var property in schema.EnumerateObject())
        {
            if (!Keywords.Contains(property.Name))
            {
                yield return $"{at}/{property.Name}";
                continue;
            }

            IEnumerable<(JsonElement Schema, string At)> subschemas = property.Name switch
            {
                "properties" or "patternProperties" or "$defs" => property.Value.EnumerateObject().Select(p => (p.Value, $"{at}/{property.Name}/{p.Name}")),
                "allOf" or "anyOf" or "oneOf" => property.Value.EnumerateArray().Select((s, i) => (s, $"{at}/{property.Name}/{i}")),
                "items" or "additionalProperties" or "not" or "if" or "then" or "else" => [(property.Value, $"{at}/{property.Name}")],
                _ => [],
            };
            foreach (var unknown in subschemas.SelectMany(s => UnknownKeywords(s.Schema, s.At)))
            {
                yield return unknown;
            }
        }
    }
}
