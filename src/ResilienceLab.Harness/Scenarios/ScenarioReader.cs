using System.Text.Json;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.GameDays;
using ResilienceLab.Harness.Input;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Hypotheses;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Harness.Scenarios;

/// <summary>Reads and validates a scenario file against the config it will run with; every problem at once, with its field path.</summary>
public static class ScenarioReader
{
    /// <summary>The most stack instances one process runs.</summary>
    public const int MaxInstances = 64;

    internal static readonly string[] LoadKinds = ["inject", "ramping_inject", "keep_constant", "ramping_constant", "pause", "iterations_for_constant", "iterations_for_inject"];

    public static Scenario Read(string path, LooseCouplingConfig config) => Read(path, config, text: null);

    /// <summary>Reads a scenario; with <paramref name="text"/> its content is that text (problems still name <paramref name="path"/>).</summary>
    public static Scenario Read(string path, LooseCouplingConfig config, string? text)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var document = JsonInputFile.Open(path, text);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException(path, "expected a JSON object at the top level");
        }

        var problems = new ProblemList(path);
        var root = new JsonSection(document.RootElement, string.Empty, problems);
        var services = config.Services.Select(s => s.Name).ToList();
        var faultTargets = new FaultTargetNames(config);
        var workflow = root.String("workflow", required: true);
        if (workflow.Length > 0 && config.Workflows.All(w => w.Name != workflow))
        {
            problems.Add("workflow", $"{InputText.Quote(workflow)} is not a workflow in {config.SourceFile} ({string.Join(", ", config.Workflows.Select(w => w.Name))})");
        }

        var load = root.Objects("load", required: true).Select(ReadSimulation).ToList();
        if (load.Count == 0 && !problems.Problems.Any(p => p.Path == "load"))
        {
            problems.Add("load", "at least one load simulation is needed");
        }

        var scenario = new Scenario
        {
            Name = ReadName(root, path),
            Description = root.String("description", string.Empty),
            SourceFile = path,
            Workflow = workflow,
            Load = [.. load.Where(l => l is not null).Select(l => l!)],
            WarmUp = root.Duration("warm_up", TimeSpan.Zero),
            MaxInFlight = root.Int("max_in_flight", 1_000, 1, 1_000_000),
            QuickScale = root.Double("quick_scale", 0.25, 0.01, 1),
            Seed = root.Int("seed", 42),
            Faults = [.. root.Objects("faults").Select(f => FaultReader.Read(f, faultTargets)).Where(f => f is not null).Select(f => f!)],
            Hypothesis = [.. root.Objects("hypothesis").Select(h => ReadCheck(h, services)).Where(h => h is not null).Select(h => h!)],
            StressWindow = root.Object("stress_window") is { } sw ? ReadWindow(sw) : null,
            Control = root.Bool("control", false),
            Catalogue = [.. root.Objects("catalogue").Select(f => FaultReader.ReadCatalogueEntry(f, faultTargets)).Where(f => f is not null).Select(f => f!)],
            StopConditions = [.. root.Objects("stop_conditions").Select(c => ReadStopCondition(c, services))],
            HarnessLimits = root.Object("harness_limits") is { } limits ? ReadHarnessLimits(limits) : new Reporting.Model.HarnessLimits(),
            Instances = root.Int("instances", 1, 1, MaxInstances),
        };
        root.RejectUnknownFields();
        if (scenario.Hypothesis.Count == 0 && !problems.Problems.Any(p => p.Path.StartsWith("hypothesis", StringComparison.Ordinal)))
        {
            problems.Add("hypothesis", "at least one check is needed: a scenario without checks could only ever be inconclusive");
        }

        if (scenario.Load.Count > 0)
        {
            var plan = new LoadPlan(scenario.Load) { WarmUp = scenario.WarmUp, MaxInFlight = scenario.MaxInFlight };
            foreach (var error in LoadPlanValidator.Validate(plan))
            {
                problems.Add(error.SegmentIndex < 0 ? error.Field : $"load[{error.SegmentIndex}].{error.Field}", error.Message);
            }
        }

        foreach (var (fault, i) in scenario.Faults.Select((f, i) => (f, i)))
        {
            var total = new LoadPlan(scenario.Load).TotalDuration;
            if (total > TimeSpan.Zero && fault.End > total)
            {
                problems.Add($"faults[{i}]", $"ends at {DurationParser.Format(fault.End)}, after the load ends ({DurationParser.Format(total)})");
            }
        }

        CheckFaultNamesUnique(scenario, problems);
        CheckInstances(scenario.Faults, "faults", scenario.Instances, problems);
        CheckInstances(scenario.Catalogue, "catalogue", scenario.Instances, problems);

        if (config.TableBackedBreakers.Count > 0 && config.BreakerTable.MinInstancesToOpen > scenario.Instances)
        {
            // A quorum the run can never reach would silently switch the shared breaker off.
            problems.Add(new InputProblem(
                config.SourceFile,
                "breaker_table.min_instances_to_open",
                $"{config.BreakerTable.MinInstancesToOpen} instances must report failures before a shared breaker opens, but this run stands up {scenario.Instances}, so it could never open"));
        }

        problems.ThrowIfAny();
        return scenario;
    }

    /// <summary>The scenario's name (default: the file name); it names the report folder, so it must be a <see cref="ReportNames"/> slug.</summary>
    private static string ReadName(JsonSection root, string path)
    {
        var given = root.Has("name");
        var name = root.String("name", Path.GetFileNameWithoutExtension(path));
        if (name.Length > 0 && !ReportNames.IsValid(name))
        {
            root.Problems.Add("name", given
                ? $"{InputText.Quote(name)} {ReportNames.Rule}"
                : $"the file name {InputText.Quote(name)} is no usable scenario name: it {ReportNames.Rule}; set \"name\"");
        }

        return name;
    }

    /// <summary>The scenario with every duration multiplied by its quick scale (rates and thresholds unchanged).</summary>
    public static Scenario Quick(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var k = scenario.QuickScale;
        TimeSpan S(TimeSpan t) => TimeSpan.FromMilliseconds(Math.Round(t.TotalMilliseconds * k));
        return scenario with
        {
            WarmUp = S(scenario.WarmUp),
            Load = [.. scenario.Load.Select(l => l switch
            {
                Inject i => i with { During = S(i.During) },
                RampingInject r => r with { During = S(r.During) },
                KeepConstant c => c with { During = S(c.During) },
                RampingConstant c => c with { During = S(c.During) },
                Pause p => p with { During = S(p.During) },
                IterationsForConstant c => c with { Iterations = Math.Max(1, (int)(c.Iterations * k)) },
                IterationsForInject c => c with { Iterations = Math.Max(1, (int)(c.Iterations * k)) },
                _ => l,
            })],
            Faults = [.. scenario.Faults.Select(f => f with { Start = S(f.Start), Duration = S(f.Duration), Period = S(f.Period) })],
            StressWindow = scenario.StressWindow is { } w ? (S(w.Start), S(w.Duration)) : null,
        };
    }

    private static Reporting.Model.HarnessLimits ReadHarnessLimits(JsonSection l)
    {
        var defaults = new Reporting.Model.HarnessLimits();
        var limits = new Reporting.Model.HarnessLimits
        {
            ScheduleLagP99Ms = l.Double("schedule_lag_p99_ms", defaults.ScheduleLagP99Ms, 0, 3_600_000),
            Dropped = l.Int("dropped", (int)defaults.Dropped, 0, int.MaxValue),
            ThreadPoolQueue = l.Int("thread_pool_queue", (int)defaults.ThreadPoolQueue, 0, int.MaxValue),
            GcPauseMsPerSecond = l.Double("gc_pause_ms_per_s", defaults.GcPauseMsPerSecond, 0, 1_000),
            CpuPercent = l.Double("cpu_percent", defaults.CpuPercent, 1, 100),
            DependencyAddedLatencyP99Ms = l.Double("dependency_added_latency_p99_ms", defaults.DependencyAddedLatencyP99Ms, 0, 3_600_000),
        };
        l.RejectUnknownFields();
        return limits;
    }

    private static (TimeSpan Start, TimeSpan Duration) ReadWindow(JsonSection w)
    {
        var window = (w.Duration("start", TimeSpan.Zero, required: true), w.Duration("duration", TimeSpan.Zero, required: true, min: TimeSpan.FromMilliseconds(1)));
        w.RejectUnknownFields();
        return window;
    }

    private static LoadSimulation? ReadSimulation(JsonSection s)
    {
        var kind = s.String("kind", required: true, allowed: LoadKinds);
        LoadSimulation? simulation = kind switch
        {
            "inject" => new Inject(s.Double("rate", 0, 0, LoadPlanValidator.MaxRatePerSecond, required: true), s.Duration("interval", TimeSpan.FromSeconds(1)), s.Duration("during", TimeSpan.Zero, required: true)),
            "ramping_inject" => new RampingInject(s.Double("rate", 0, 0, LoadPlanValidator.MaxRatePerSecond, required: true), s.Duration("interval", TimeSpan.FromSeconds(1)), s.Duration("during", TimeSpan.Zero, required: true)),
            "keep_constant" => new KeepConstant(s.Int("copies", 1, 1, LoadPlanValidator.MaxCopies, required: true), s.Duration("during", TimeSpan.Zero, required: true)),
            "ramping_constant" => new RampingConstant(s.Int("copies", 1, 0, LoadPlanValidator.MaxCopies, required: true), s.Duration("during", TimeSpan.Zero, required: true)),
            "pause" => new Pause(s.Duration("during", TimeSpan.Zero, required: true)),
            "iterations_for_constant" => new IterationsForConstant(s.Int("copies", 1, 1, LoadPlanValidator.MaxCopies, required: true), s.Int("iterations", 1, 1, int.MaxValue, required: true)),
            "iterations_for_inject" => new IterationsForInject(s.Double("rate", 0, 0, LoadPlanValidator.MaxRatePerSecond, required: true), s.Duration("interval", TimeSpan.FromSeconds(1)), s.Int("iterations", 1, 1, int.MaxValue, required: true)),
            _ => null,
        };
        s.RejectUnknownFields();
        return simulation;
    }

    /// <summary>A fault aimed at chosen instances may only name instances the scenario runs.</summary>
    private static void CheckInstances(IReadOnlyList<FaultSpec> faults, string field, int instances, ProblemList problems)
    {
        for (var i = 0; i < faults.Count; i++)
        {
            foreach (var instance in faults[i].Instances.Where(n => n > instances))
            {
                problems.Add($"{field}[{i}].instances", $"instance {instance} does not exist: the scenario runs {instances} (instances)");
            }
        }
    }

    /// <summary>An operator starts faults by name, so a name may stand for one fault only (scheduled or in the catalogue).</summary>
    private static void CheckFaultNamesUnique(Scenario scenario, ProblemList problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, path) in scenario.Faults.Select((f, i) => (f.Name, $"faults[{i}].name")).Concat(scenario.Catalogue.Select((f, i) => (f.Name, $"catalogue[{i}].name"))))
        {
            if (!seen.Add(name))
            {
                problems.Add(path, $"{InputText.Quote(name)} names another fault of the scenario too; fault names must be unique across faults and catalogue");
            }
        }
    }

    private static StopCondition ReadStopCondition(JsonSection c, IReadOnlyCollection<string> services)
    {
        var metric = c.String("metric", required: true);
        if (metric.Length > 0 && StopConditionMetrics.Explain(metric, services) is { } why)
        {
            c.Problems.Add(c.FieldPath("metric"), $"{InputText.Quote(metric)}: {why}");
        }

        var symbol = c.String("op", required: true, allowed: ComparisonOperators.Symbols);
        var condition = new StopCondition(
            c.String("name", metric),
            metric,
            ComparisonOperators.TryParse(symbol, out var op) ? op : ComparisonOperator.GreaterThan,
            c.Double("threshold", 0, required: true),
            c.Duration("for", TimeSpan.Zero));
        c.RejectUnknownFields();
        return condition;
    }

    private static HypothesisCheck? ReadCheck(JsonSection h, IReadOnlyCollection<string> services)
    {
        var metric = h.String("metric", required: true);
        if (metric.Length > 0 && MetricRegistry.Explain(metric, services) is { } why)
        {
            h.Problems.Add(h.FieldPath("metric"), $"{InputText.Quote(metric)}: {why}");
        }

        var symbol = h.String("op", required: true, allowed: ComparisonOperators.Symbols);
        var check = new HypothesisCheck(
            h.String("name", metric),
            metric,
            ComparisonOperators.TryParse(symbol, out var op) ? op : ComparisonOperator.LessThanOrEqual,
            h.Double("threshold", 0, required: true),
            h.OptionalString("description"));
        h.RejectUnknownFields();
        return check;
    }
}
