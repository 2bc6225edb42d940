using ResilienceLab.Load;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.Input;

namespace ResilienceLab.Harness.Scenarios;

/// <summary>Reads one <c>faults[i]</c> entry: the common fields, then the parameters of its kind, each problem with its field path.</summary>
public static class FaultReader
{
    private static readonly string[] ErrorParameters = ["status", "delay", "retry_after"];

    /// <summary>The parameters each kind takes besides kind, name, target, start, duration and rate.</summary>
    private static readonly Dictionary<FaultKind, string[]> Parameters = new()
    {
        [FaultKind.HttpError] = ErrorParameters,
        [FaultKind.HttpDelay] = ["delay"],
        [FaultKind.HttpDelayUniform] = ["delay_min", "delay_max"],
        [FaultKind.HttpDelayLognormal] = ["median", "sigma", "delay_max"],
        [FaultKind.HttpBlackhole] = [],
        [FaultKind.HttpEmptyResponse] = [],
        [FaultKind.HttpMalformedChunk] = [],
        [FaultKind.HttpConnectionReset] = [],
        [FaultKind.HttpFlapping] = ["period", .. ErrorParameters],
        [FaultKind.HttpFirstN] = ["first_n", .. ErrorParameters],
        [FaultKind.ApiInternalError] = ["operations"],
        [FaultKind.ApiThrottle] = ["operations"],
        [FaultKind.ApiUnavailable] = ["operations"],
        [FaultKind.ApiLatency] = ["operations", "delay"],
        [FaultKind.ConsumerCrash] = ["mode"],
        [FaultKind.PoisonMessage] = [],
    };

    private static readonly HashSet<string> AllParameters = [.. Parameters.Values.SelectMany(p => p)];

    private static readonly TimeSpan Positive = TimeSpan.FromMilliseconds(1);

    /// <summary>The parameters <paramref name="kind"/> takes besides the common fields (the schema's per-kind blocks mirror these).</summary>
    internal static IReadOnlyList<string> ParametersOf(FaultKind kind) => Parameters[kind];

    public static FaultSpec? Read(JsonSection f, FaultTargetNames targets) => Read(f, targets, scheduled: true);

    /// <summary>Reads one <c>catalogue[i]</c> entry: a fault without a start (the operator starts it); its duration is optional (zero: until stopped).</summary>
    public static FaultSpec? ReadCatalogueEntry(JsonSection f, FaultTargetNames targets)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Has("start"))
        {
            f.Problems.Add(f.FieldPath("start"), "a catalogue fault has no start: it starts when the operator starts it (put scheduled faults in faults)");
        }

        return Read(f, targets, scheduled: false);
    }

    private static FaultSpec? Read(JsonSection f, FaultTargetNames targets, bool scheduled)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(targets);
        var kindName = f.String("kind", required: true, allowed: FaultNames.All);
        var known = FaultNames.TryParse(kindName, out var kind);
        var target = f.String("target", required: true);
        if (known && target.Length > 0 && !targets.For(kind).Contains(target))
        {
            f.Problems.Add(f.FieldPath("target"), $"{InputText.Quote(target)} is not {TargetNoun(kind)} in the config ({string.Join(", ", targets.For(kind))})");
        }

        var spec = new FaultSpec
        {
            Name = f.String("name", $"{kindName}-{target}"),
            Kind = known ? kind : FaultKind.HttpError,
            Target = target,
            Start = scheduled ? f.Duration("start", TimeSpan.Zero, required: true) : TimeSpan.Zero,
            Duration = f.Duration("duration", TimeSpan.Zero, required: scheduled, min: Positive),
            Rate = f.Double("rate", 1.0, 0, 1),
            Instances = f.Has("instances") ? f.Ints("instances", 1, ScenarioReader.MaxInstances) : [],
        };
        if (known && f.Has("instances") && FaultNames.CategoryOf(kind) != FaultCategory.Http)
        {
            f.Problems.Add(f.FieldPath("instances"), "only HTTP faults hit chosen instances (they tell the dependency which instance called)");
        }
        if (known)
        {
            RejectOtherKindsParameters(f, kind, kindName);
            spec = ReadParameters(f, spec, targets);
        }

        f.RejectUnknownFields(scheduled ? [.. AllParameters, "instances"] : [.. AllParameters, "start", "instances"]);
        return spec;
    }

    private static FaultSpec ReadParameters(JsonSection f, FaultSpec spec, FaultTargetNames targets)
    {
        switch (spec.Kind)
        {
            case FaultKind.HttpError:
                return ReadError(f, spec);

            case FaultKind.HttpDelay:
                return spec with { Delay = f.Duration("delay", TimeSpan.Zero, required: true, min: Positive) };

            case FaultKind.HttpDelayUniform:
                var min = f.Duration("delay_min", TimeSpan.Zero, required: true);
                var max = f.Duration("delay_max", TimeSpan.Zero, required: true, min: Positive);
                if (f.Has("delay_min") && f.Has("delay_max") && max < min)
                {
                    f.Problems.Add(f.FieldPath("delay_max"), $"must be >= delay_min ({DurationParser.Format(min)})");
                }

                return spec with { DelayMin = min, DelayMax = max };

            case FaultKind.HttpDelayLognormal:
                var median = f.Duration("median", TimeSpan.Zero, required: true, min: Positive);
                var sigma = f.Double("sigma", 0.5);
                if (sigma is <= 0 or > 5)
                {
                    f.Problems.Add(f.FieldPath("sigma"), "must be > 0 and at most 5");
                }

                TimeSpan? cap = f.Has("delay_max") ? f.Duration("delay_max", FaultConstants.DefaultLognormalCap, min: Positive) : null;
                if (cap is { } c && c < median)
                {
                    f.Problems.Add(f.FieldPath("delay_max"), $"must be >= median ({DurationParser.Format(median)})");
                }

                return spec with { Median = median, Sigma = sigma, DelayMax = cap };

            case FaultKind.HttpFlapping:
                var period = f.Duration("period", TimeSpan.Zero, required: true, min: TimeSpan.FromMilliseconds(2));
                if (period > spec.Duration && spec.Duration > TimeSpan.Zero)
                {
                    f.Problems.Add(f.FieldPath("period"), $"is longer than the fault ({DurationParser.Format(spec.Duration)}), so it would never flap");
                }

                return ReadError(f, spec) with { Period = period };

            case FaultKind.HttpFirstN:
                return ReadError(f, spec) with { FirstN = f.Int("first_n", 1, 1, required: true) };

            case FaultKind.ApiInternalError or FaultKind.ApiThrottle or FaultKind.ApiUnavailable:
                return spec with { Operations = ReadOperations(f, spec.Target, targets) };

            case FaultKind.ApiLatency:
                return spec with { Operations = ReadOperations(f, spec.Target, targets), Delay = f.Duration("delay", TimeSpan.Zero, required: true, min: Positive) };

            case FaultKind.ConsumerCrash:
                var mode = f.String("mode", "stall", allowed: FaultNames.AllCrashModes);
                return spec with { CrashMode = FaultNames.TryParseCrashMode(mode, out var crash) ? crash : ConsumerCrashMode.Stall };

            default:
                return spec;
        }
    }

    private static FaultSpec ReadError(JsonSection f, FaultSpec spec)
    {
        var status = f.Int("status", FaultConstants.DefaultStatus, 400, 599);
        if (status is >= 400 and < 500 and not 429)
        {
            f.Problems.Add(f.FieldPath("status"), $"{status} is not a dependency failure: use a 5xx status or 429");
        }

        return spec with
        {
            Status = status,
            Delay = f.Duration("delay", TimeSpan.Zero),
            RetryAfter = f.Has("retry_after") ? f.Duration("retry_after", TimeSpan.Zero) : null,
        };
    }

    private static IReadOnlyList<string> ReadOperations(JsonSection f, string target, FaultTargetNames targets)
    {
        var operations = f.Strings("operations");
        var offered = targets.OperationsOf(target);
        foreach (var (operation, i) in operations.Select((o, i) => (o, i)))
        {
            if (offered.Count > 0 && !offered.Contains(operation))
            {
                f.Problems.Add($"{f.FieldPath("operations")}[{i}]", $"{InputText.Quote(operation)} is not an operation of {InputText.Quote(target)} ({string.Join(", ", offered)})");
            }
        }

        return operations;
    }

    private static void RejectOtherKindsParameters(JsonSection f, FaultKind kind, string kindName)
    {
        var own = Parameters[kind];
        foreach (var parameter in AllParameters.Where(p => !own.Contains(p) && f.Has(p)).Order(StringComparer.Ordinal))
        {
            var takes = own.Length == 0 ? "none" : string.Join(", ", own);
            f.Problems.Add(f.FieldPath(parameter), $"is not a parameter of {kindName} (its parameters: {takes})");
        }
    }

    private static string TargetNoun(FaultKind kind) => kind switch
    {
        FaultKind.ConsumerCrash => "a queue",
        FaultKind.PoisonMessage => "a request queue or topic",
        _ when FaultNames.CategoryOf(kind) == FaultCategory.Api => "a resource",
        _ => "a service",
    };
}
