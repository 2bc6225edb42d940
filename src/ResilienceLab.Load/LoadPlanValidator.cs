namespace ResilienceLab.Load;

/// <summary>Checks a load plan up front and returns every problem at once (empty when the plan is valid).</summary>
public static class LoadPlanValidator
{
    /// <summary>The highest supported arrival rate, per second.</summary>
    public const double MaxRatePerSecond = 1_000_000;

    /// <summary>The most concurrent copies (virtual users) a segment may hold; the scenario schema's <c>copies</c> maximum.</summary>
    public const int MaxCopies = 100_000;

    public static IReadOnlyList<LoadValidationError> Validate(LoadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new List<LoadValidationError>();
        if (plan.Simulations is null || plan.Simulations.Count == 0)
        {
            errors.Add(new(LoadValidationError.PlanLevel, "simulations", "the plan has no simulations"));
            return errors;
        }

        bool? open = null;
        var firstKindIndex = -1;
        for (var i = 0; i < plan.Simulations.Count; i++)
        {
            var simulation = plan.Simulations[i];
            if (simulation is null)
            {
                errors.Add(new(i, "simulation", "the simulation is missing"));
                continue;
            }

            ValidateSegment(i, simulation, errors);
            bool? isOpen = simulation switch
            {
                Inject or RampingInject or IterationsForInject => true,
                KeepConstant or RampingConstant or IterationsForConstant => false,
                _ => null,
            };
            if (isOpen is null)
            {
                continue;
            }

            if (open is null)
            {
                open = isOpen;
                firstKindIndex = i;
            }
            else if (open != isOpen)
            {
                errors.Add(new(i, "type",
                    $"{simulation.GetType().Name} is a {Model(isOpen.Value)}-model segment but segment {firstKindIndex} " +
                    $"({plan.Simulations[firstKindIndex].GetType().Name}) made this a {Model(open.Value)}-model plan; do not mix them"));
            }
        }

        if (plan.MaxInFlight <= 0)
        {
            errors.Add(new(LoadValidationError.PlanLevel, "max_in_flight", $"max in flight must be positive, was {plan.MaxInFlight}"));
        }

        if (plan.GracePeriod < TimeSpan.Zero)
        {
            errors.Add(new(LoadValidationError.PlanLevel, "grace_period", $"grace period must not be negative, was {DurationParser.Format(plan.GracePeriod)}"));
        }

        if (plan.WarmUp < TimeSpan.Zero)
        {
            errors.Add(new(LoadValidationError.PlanLevel, "warm_up", $"warm-up must not be negative, was {DurationParser.Format(plan.WarmUp)}"));
        }
        else if (errors.Count == 0 && plan.IsTimeBased && plan.WarmUp >= plan.TotalDuration && plan.WarmUp > TimeSpan.Zero)
        {
            errors.Add(new(LoadValidationError.PlanLevel, "warm_up",
                $"warm-up {DurationParser.Format(plan.WarmUp)} is not shorter than the plan's {DurationParser.Format(plan.TotalDuration)}"));
        }

        return errors;
    }

    private static string Model(bool open) => open ? "open" : "closed";

    private static void ValidateSegment(int i, LoadSimulation simulation, List<LoadValidationError> errors)
    {
        switch (simulation)
        {
            case Inject s:
                Rate(i, s.Rate, s.Interval, allowZero: true, errors);
                Interval(i, s.Interval, s.During, errors);
                During(i, s.During, errors);
                break;
            case RampingInject s:
                Rate(i, s.Rate, s.Interval, allowZero: true, errors);
                Interval(i, s.Interval, s.During, errors);
                During(i, s.During, errors);
                break;
            case IterationsForInject s:
                Rate(i, s.Rate, s.Interval, allowZero: false, errors);
                Interval(i, s.Interval, null, errors);
                Iterations(i, s.Iterations, errors);
                break;
            case KeepConstant s:
                Copies(i, s.Copies, allowZero: false, errors);
                During(i, s.During, errors);
                break;
            case RampingConstant s:
                Copies(i, s.Copies, allowZero: true, errors);
                During(i, s.During, errors);
                break;
            case IterationsForConstant s:
                Copies(i, s.Copies, allowZero: false, errors);
                Iterations(i, s.Iterations, errors);
                break;
            case Pause s:
                During(i, s.During, errors);
                break;
            default:
                errors.Add(new(i, "type", $"{simulation.GetType().Name} is not a supported simulation"));
                break;
        }
    }

    private static void Rate(int i, double rate, TimeSpan interval, bool allowZero, List<LoadValidationError> errors)
    {
        if (double.IsNaN(rate) || double.IsInfinity(rate))
        {
            errors.Add(new(i, "rate", $"rate must be a finite number, was {rate}"));
        }
        else if (rate < 0)
        {
            errors.Add(new(i, "rate", $"rate must not be negative, was {rate}"));
        }
        else if (rate == 0 && !allowZero)
        {
            errors.Add(new(i, "rate", "rate must be positive, was 0"));
        }
        else if (interval > TimeSpan.Zero && rate / interval.TotalSeconds > MaxRatePerSecond)
        {
            errors.Add(new(i, "rate", $"rate {rate / interval.TotalSeconds:0.###}/s is above the supported {MaxRatePerSecond:0}/s"));
        }
    }

    private static void Interval(int i, TimeSpan interval, TimeSpan? during, List<LoadValidationError> errors)
    {
        if (interval <= TimeSpan.Zero)
        {
            errors.Add(new(i, "interval", $"interval must be positive, was {DurationParser.Format(interval)}"));
        }
        else if (during is { } d && d > TimeSpan.Zero && interval > d)
        {
            errors.Add(new(i, "interval", $"interval {DurationParser.Format(interval)} is longer than during {DurationParser.Format(d)}"));
        }
    }

    private static void During(int i, TimeSpan during, List<LoadValidationError> errors)
    {
        if (during <= TimeSpan.Zero)
        {
            errors.Add(new(i, "during", $"during must be positive, was {DurationParser.Format(during)}"));
        }
    }

    private static void Copies(int i, int copies, bool allowZero, List<LoadValidationError> errors)
    {
        if (copies < 0 || (copies == 0 && !allowZero))
        {
            errors.Add(new(i, "copies", $"copies must be {(allowZero ? "zero or more" : "positive")}, was {copies}"));
        }
        else if (copies > MaxCopies)
        {
            errors.Add(new(i, "copies", $"copies {copies} is above the supported {MaxCopies}"));
        }
    }

    private static void Iterations(int i, int iterations, List<LoadValidationError> errors)
    {
        if (iterations <= 0)
        {
            errors.Add(new(i, "iterations", $"iterations must be positive, was {iterations}"));
        }
    }
}
