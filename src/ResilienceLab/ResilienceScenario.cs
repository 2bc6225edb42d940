using System.Text.Json.Nodes;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Load;

namespace ResilienceLab;

/// <summary>
/// A scenario built in code (NBomber's <c>Scenario</c>): load simulations, faults on WireMock-served dependencies and a
/// hypothesis, around a step of your own code, or around the document's workflow like a scenario file. It is written in
/// a scenario file's shape and read by the same reader, so a scenario in code and its JSON twin build the same model,
/// are validated alike (every problem at once, with its field) and give the same report.
/// </summary>
public sealed class ResilienceScenario
{
    private readonly JsonObject _json;
    private readonly List<ExternalBreaker> _breakers = [];
    private readonly List<string> _dependencies = [];
    private readonly string? _configFile;

    private ResilienceScenario(JsonObject json, CustomStep? step, string? configFile)
    {
        _json = json;
        Step = step;
        _configFile = configFile;
    }

    public string Name => _json["name"]!.GetValue<string>();

    internal CustomStep? Step { get; }

    internal IReadOnlyList<ExternalBreaker> Breakers => _breakers;

    /// <summary>A scenario around <paramref name="step"/>, your own code, run once per iteration; it reaches the dependencies through its context.</summary>
    public static ResilienceScenario Create(string name, Func<StepContext, CancellationToken, ValueTask<IterationOutcome>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var json = new JsonObject { ["name"] = name, ["workflow"] = LooseCouplingConfig.CustomStepWorkflow, ["load"] = new JsonArray(), ["hypothesis"] = new JsonArray() };
        return new ResilienceScenario(json, (context, token) => step(context, token), configFile: null);
    }

    /// <summary>A scenario of the document's stack (a workflow of <paramref name="configFile"/>), as a scenario file would define it.</summary>
    public static ResilienceScenario ForWorkflow(string name, string workflow, string configFile = "loose-coupling-config.json")
    {
        var json = new JsonObject { ["name"] = name, ["workflow"] = workflow, ["load"] = new JsonArray(), ["hypothesis"] = new JsonArray() };
        return new ResilienceScenario(json, step: null, configFile);
    }

    public ResilienceScenario WithDescription(string description) => Set("description", description);

    /// <summary>Dependencies your step calls, each served by a WireMock server the run stands up (and faults).</summary>
    public ResilienceScenario WithDependencies(params string[] names)
    {
        _dependencies.AddRange(names);
        return this;
    }

    public ResilienceScenario WithWarmUpDuration(TimeSpan warmUp) => Set("warm_up", Simulation.D(warmUp));

    public ResilienceScenario WithLoadSimulations(params ScenarioPart[] simulations) => Add("load", simulations);

    public ResilienceScenario WithFaults(params ScenarioPart[] faults) => Add("faults", faults);

    public ResilienceScenario WithHypothesis(params ScenarioPart[] checks) => Add("hypothesis", checks);

    public ResilienceScenario WithMaxInFlight(int maxInFlight) => Set("max_in_flight", maxInFlight);

    public ResilienceScenario WithSeed(int seed) => Set("seed", seed);

    public ResilienceScenario WithQuickScale(double scale) => Set("quick_scale", scale);

    public ResilienceScenario WithInstances(int instances) => Set("instances", instances);

    /// <summary>Breakers of your code that report their state changes, so <c>breaker.SERVICE.*</c> checks judge them.</summary>
    public ResilienceScenario WithBreakers(params ExternalBreaker[] breakers)
    {
        _breakers.AddRange(breakers);
        return this;
    }

    /// <summary>The scenario in a scenario file's shape (what <see cref="Build"/> reads).</summary>
    public string ToJson() => _json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    /// <summary>Reads the scenario as a scenario file is read.</summary>
    /// <exception cref="Harness.Input.InvalidInputException">Every problem, each with its field.</exception>
    public (Scenario Scenario, LooseCouplingConfig Config) Build()
    {
        var config = _configFile is null ? LooseCouplingConfig.ForDependencies(_dependencies) : ConfigReader.Read(_configFile);
        return (ScenarioReader.Read($"{Name}.json", config, _json.ToJsonString()), config);
    }

    private ResilienceScenario Set(string field, JsonNode? value)
    {
        _json[field] = value;
        return this;
    }

    private ResilienceScenario Add(string field, ScenarioPart[] parts)
    {
        var array = _json[field] as JsonArray ?? [];
        foreach (var part in parts)
        {
            array.Add(part.Json.DeepClone());
        }

        _json[field] = array;
        return this;
    }
}
