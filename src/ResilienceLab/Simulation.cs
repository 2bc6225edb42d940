using System.Globalization;
using System.Text.Json.Nodes;
using ResilienceLab.Load;

namespace ResilienceLab;

/// <summary>Load simulations with NBomber's names and meaning, in a scenario file's <c>load</c> shape.</summary>
public static class Simulation
{
    /// <summary>Open model: <paramref name="rate"/> iterations per <paramref name="interval"/> for <paramref name="during"/>.</summary>
    public static ScenarioPart Inject(double rate, TimeSpan interval, TimeSpan during) =>
        Part("inject", ("rate", rate), ("interval", D(interval)), ("during", D(during)));

    /// <summary>Open model: the rate ramps from the previous segment's to <paramref name="rate"/> over <paramref name="during"/>.</summary>
    public static ScenarioPart RampingInject(double rate, TimeSpan interval, TimeSpan during) =>
        Part("ramping_inject", ("rate", rate), ("interval", D(interval)), ("during", D(during)));

    /// <summary>Closed model: <paramref name="copies"/> virtual users loop for <paramref name="during"/>.</summary>
    public static ScenarioPart KeepConstant(int copies, TimeSpan during) => Part("keep_constant", ("copies", copies), ("during", D(during)));

    /// <summary>Closed model: the users ramp to <paramref name="copies"/> over <paramref name="during"/>.</summary>
    public static ScenarioPart RampingConstant(int copies, TimeSpan during) => Part("ramping_constant", ("copies", copies), ("during", D(during)));

    public static ScenarioPart Pause(TimeSpan during) => Part("pause", ("during", D(during)));

    public static ScenarioPart IterationsForConstant(int copies, int iterations) => Part("iterations_for_constant", ("copies", copies), ("iterations", iterations));

    public static ScenarioPart IterationsForInject(double rate, TimeSpan interval, int iterations) =>
        Part("iterations_for_inject", ("rate", rate), ("interval", D(interval)), ("iterations", iterations));

    internal static string D(TimeSpan duration) => DurationParser.Format(duration);

    private static ScenarioPart Part(string kind, params (string Name, JsonNode? Value)[] fields)
    {
        var json = new JsonObject { ["kind"] = kind };
        foreach (var (name, value) in fields)
        {
            json[name] = value;
        }

        return new ScenarioPart(json);
    }
}
