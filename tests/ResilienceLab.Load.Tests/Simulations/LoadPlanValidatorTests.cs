using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests.Simulations;

public class LoadPlanValidatorTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    public static TheoryData<LoadSimulation, string, string> InvalidSegments => new()
    {
        { new Inject(10, 2 * S, S), "interval", "interval 2s is longer than during 1s" },
        { new Inject(-1, S, S), "rate", "rate must not be negative, was -1" },
        { new Inject(double.NaN, S, S), "rate", "rate must be a finite number, was NaN" },
        { new Inject(10, TimeSpan.Zero, S), "interval", "interval must be positive, was 0s" },
        { new Inject(10, S, TimeSpan.Zero), "during", "during must be positive, was 0s" },
        { new Inject(2_000_000, S, S), "rate", "rate 2000000/s is above the supported 1000000/s" },
        { new RampingInject(-5, S, S), "rate", "rate must not be negative, was -5" },
        { new KeepConstant(0, S), "copies", "copies must be positive, was 0" },
        { new KeepConstant(100_000_000, S), "copies", "copies 100000000 is above the supported 100000" },
        { new RampingConstant(100_001, S), "copies", "copies 100001 is above the supported 100000" },
        { new RampingConstant(-1, S), "copies", "copies must be zero or more, was -1" },
        { new IterationsForConstant(0, 10), "copies", "copies must be positive, was 0" },
        { new IterationsForConstant(2, 0), "iterations", "iterations must be positive, was 0" },
        { new IterationsForInject(0, S, 10), "rate", "rate must be positive, was 0" },
        { new Pause(TimeSpan.FromMilliseconds(-500)), "during", "during must be positive, was -500ms" },
    };

    [Theory]
    [MemberData(nameof(InvalidSegments))]
    public void Validate_InvalidSegment_ReturnsTypedError(LoadSimulation simulation, string field, string message)
    {
        var errors = LoadPlanValidator.Validate(new LoadPlan([simulation]));

        var error = Assert.Single(errors);
        Assert.Equal(new LoadValidationError(0, field, message), error);
    }

    [Fact]
    public void Validate_ValidPlans_ReturnsNoErrors()
    {
        Assert.Empty(LoadPlanValidator.Validate(new LoadPlan([new RampingInject(100, S, 10 * S), new Inject(100, S, 10 * S), new Pause(S)])));
        Assert.Empty(LoadPlanValidator.Validate(new LoadPlan([new RampingConstant(10, S), new KeepConstant(10, S), new IterationsForConstant(2, 5)])));
        Assert.Empty(LoadPlanValidator.Validate(new LoadPlan([new RampingInject(0, S, S)])));
    }

    [Fact]
    public void Validate_OpenAndClosedMixed_ReturnsTypeErrorAtTheSecondKind()
    {
        var errors = LoadPlanValidator.Validate(new LoadPlan([new Inject(10, S, S), new Pause(S), new KeepConstant(2, S)]));

        var error = Assert.Single(errors);
        Assert.Equal(2, error.SegmentIndex);
        Assert.Equal("type", error.Field);
    }

    [Fact]
    public void Validate_SeveralProblems_ReturnsEveryOne()
    {
        var plan = new LoadPlan([new Inject(-1, 2 * S, S), new Inject(10, S, S)]) { MaxInFlight = 0, GracePeriod = -S };

        var errors = LoadPlanValidator.Validate(plan);

        Assert.Equal(
            ["0:rate", "0:interval", "-1:max_in_flight", "-1:grace_period"],
            errors.Select(e => $"{e.SegmentIndex}:{e.Field}"));
    }

    [Fact]
    public void Validate_EmptyPlan_ReturnsSimulationsError()
    {
        var error = Assert.Single(LoadPlanValidator.Validate(new LoadPlan([])));

        Assert.Equal(new LoadValidationError(-1, "simulations", "the plan has no simulations"), error);
    }

    [Fact]
    public void Validate_WarmUpNotShorterThanPlan_ReturnsWarmUpError()
    {
        var error = Assert.Single(LoadPlanValidator.Validate(new LoadPlan([new Inject(10, S, 2 * S)]) { WarmUp = 2 * S }));

        Assert.Equal(new LoadValidationError(-1, "warm_up", "warm-up 2s is not shorter than the plan's 2s"), error);
    }

    [Fact]
    public void TotalDuration_MixedSegments_SumsTheTimeBasedOnes()
    {
        var plan = new LoadPlan([new RampingInject(10, S, 2 * S), new Pause(S), new IterationsForInject(100, S, 50)]);

        Assert.Equal(TimeSpan.FromSeconds(3.5), plan.TotalDuration);
    }
}
