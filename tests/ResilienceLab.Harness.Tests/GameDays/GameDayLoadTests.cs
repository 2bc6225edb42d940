using ResilienceLab.Harness.GameDays;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.Tests.GameDays;

public sealed class GameDayLoadTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void For_InjectWithDuration_HoldsItsRateForTheDuration()
    {
        var load = GameDayLoad.For([new Pause(Second), new Inject(40, Second, TimeSpan.FromSeconds(60)), new Inject(5, Second, Second)], TimeSpan.FromMinutes(30));

        Assert.Equal(new Inject(40, Second, TimeSpan.FromMinutes(30)), load);
    }

    [Fact]
    public void For_NoDuration_LastsAsLongAsTheScenariosLoad()
    {
        var load = GameDayLoad.For([new RampingInject(10, Second, TimeSpan.FromSeconds(10)), new Inject(10, Second, TimeSpan.FromSeconds(50))], null);

        Assert.Equal(new Inject(10, Second, TimeSpan.FromSeconds(60)), load);
    }

    [Fact]
    public void For_ClosedModel_KeepsItsUsers()
    {
        var load = GameDayLoad.For([new RampingConstant(0, Second), new RampingConstant(8, TimeSpan.FromSeconds(5))], TimeSpan.FromSeconds(90));

        Assert.Equal(new KeepConstant(8, TimeSpan.FromSeconds(90)), load);
    }
}
