using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Tests.Configuration;

namespace ResilienceLab.Harness.Tests.Scenarios;

public sealed class ScenarioValidatorTests : IDisposable
{
    private static readonly LooseCouplingConfig Config = ConfigReader.Read(ConfigReaderTests.RepositoryConfig());
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Validate_SchemaAndReaderProblems_OneLinePerPathWithTheReadersWording()
    {
        var file = _files.Write("broken.json", """
        {
          "workflow": "ship-order",
          "load": [ { "kind": "inject", "rate": "fast", "during": "10s" } ],
          "faults": [ { "kind": "http_delay", "target": "billing", "start": "1s", "duration": "5s", "delay": "1s", "sigma": 0.4, "stauts": 503 } ],
          "hypothesis": [ { "metric": "fault.error_rate", "op": "<=", "threshold": 0.1 } ]
        }
        """);

        var problems = ScenarioValidator.Validate(file, Config);

        Assert.Equal(problems.Count, problems.Select(p => p.Path).Distinct().Count());
        Assert.All(problems, p => Assert.Equal(file, p.File));
        Assert.Contains(problems, p => p.Path == "workflow" && p.Message.Contains("is not a workflow", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "load[0].rate" && p.Message == "expected a number, found \"fast\"");
        Assert.Contains(problems, p => p.Path == "faults[0].target" && p.Message.Contains("is not a service", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "faults[0].sigma" && p.Message.StartsWith("is not a parameter of http_delay (its parameters: delay)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "faults[0].stauts" && p.Message.StartsWith("unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WithoutConfig_StillReportsTheSchemasProblems()
    {
        var file = _files.Write("broken.json", """{ "workflow": "w", "load": [ { "kind": "inject", "rate": 1, "during": "soon" } ], "hypothesis": [ { "name": "c", "metric": "run.error_rate", "op": "<=", "threshold": 0 } ] }""");

        var problem = Assert.Single(ScenarioValidator.Validate(file, config: null));

        Assert.Equal("load[0].during", problem.Path);
    }

    [Fact]
    public void Validate_MalformedJson_ReportsItOnce()
    {
        var file = _files.Write("broken.json", """{ "workflow": """);

        var problem = Assert.Single(ScenarioValidator.Validate(file, Config));

        Assert.Contains("malformed JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_SamePathFromBoth_KeepsTheReadersProblemInTheSchemasPlace()
    {
        InputProblem[] schema = [new("f", "a", "schema a"), new("f", "b", "schema b")];
        InputProblem[] reader = [new("f", "c", "reader c"), new("f", "a", "reader a")];

        var merged = ScenarioValidator.Merge(schema, reader);

        Assert.Equal(["reader a", "schema b", "reader c"], merged.Select(p => p.Message));
    }
}
