using System.Text.Json.Nodes;

namespace ResilienceLab;

/// <summary>
/// Faults on a scenario's dependencies (WireMock servers), in a scenario file's <c>faults</c> shape (docs/FAULTS.md has
/// every kind): each on one dependency from <c>start</c> for <c>duration</c>, hitting the share <c>rate</c> of requests.
/// </summary>
public static class Fault
{
    public static ScenarioPart HttpError(string name, string target, TimeSpan start, TimeSpan duration, int status = 503, TimeSpan? delay = null, double rate = 1) =>
        Part(name, "http_error", target, start, duration, rate, ("status", status), ("delay", delay is { } d ? Simulation.D(d) : null));

    public static ScenarioPart HttpDelay(string name, string target, TimeSpan start, TimeSpan duration, TimeSpan delay, double rate = 1) =>
        Part(name, "http_delay", target, start, duration, rate, ("delay", Simulation.D(delay)));

    public static ScenarioPart HttpBlackhole(string name, string target, TimeSpan start, TimeSpan duration, double rate = 1) =>
        Part(name, "http_blackhole", target, start, duration, rate);

    public static ScenarioPart HttpConnectionReset(string name, string target, TimeSpan start, TimeSpan duration, double rate = 1) =>
        Part(name, "http_connection_reset", target, start, duration, rate);

    public static ScenarioPart HttpFlapping(string name, string target, TimeSpan start, TimeSpan duration, TimeSpan period, int status = 503) =>
        Part(name, "http_flapping", target, start, duration, 1, ("period", Simulation.D(period)), ("status", status));

    private static ScenarioPart Part(string name, string kind, string target, TimeSpan start, TimeSpan duration, double rate, params (string Name, JsonNode? Value)[] parameters)
    {
        var json = new JsonObject
        {
            ["name"] = name,
            ["kind"] = kind,
            ["target"] = target,
            ["start"] = Simulation.D(start),
            ["duration"] = Simulation.D(duration),
            ["rate"] = rate,
        };
        foreach (var (field, value) in parameters.Where(p => p.Value is not null))
        {
            json[field] = value;
        }

        return new ScenarioPart(json);
    }
}
