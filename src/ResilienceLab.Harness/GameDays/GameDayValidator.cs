using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.Input;
using ResilienceLab.Load;
using ResilienceLab.Load.Http;

namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// Checks what only a game day needs, before anything starts: real service endpoints are on this machine unless remote
/// ones are allowed, and no HTTP fault (scheduled or in the catalogue) targets a real endpoint, since only client-side
/// faults (API, consumer and producer) can act there.
/// </summary>
public static class GameDayValidator
{
    /// <exception cref="InvalidInputException">Every problem, each with its file and field.</exception>
    public static void Validate(GameDayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = request.Config;
        var configProblems = new ProblemList(config.SourceFile);
        for (var i = 0; i < config.Services.Count; i++)
        {
            if (config.ServiceEndpoints.TryGetValue(config.Services[i].Name, out var endpoint) && !request.AllowRemote && !LoopbackGuard.IsLoopback(endpoint))
            {
                configProblems.Add($"services[{i}].endpoint", $"{endpoint} is not on this machine; a game day calls remote endpoints only with --allow-remote");
            }
        }

        var scenario = request.Scenario;
        var scenarioProblems = new ProblemList(scenario.SourceFile);
        void Check(FaultSpec fault, string path)
        {
            if (fault.Category == FaultCategory.Http && config.ServiceEndpoints.TryGetValue(fault.Target, out var real))
            {
                scenarioProblems.Add($"{path}.target", $"'{fault.Target}' is a real endpoint ({real}), where HTTP faults cannot act; only client-side faults (api_*, consumer_crash, poison_message) apply");
            }
        }

        if (request.UseSchedule)
        {
            for (var i = 0; i < scenario.Faults.Count; i++)
            {
                Check(scenario.Faults[i], $"faults[{i}]");
            }
        }

        for (var i = 0; i < scenario.Catalogue.Count; i++)
        {
            Check(scenario.Catalogue[i], $"catalogue[{i}]");
        }

        // The game day's own load (the scenario's first level held for --duration) must still be a valid plan.
        var optionProblems = new ProblemList("--duration");
        var plan = new LoadPlan([GameDayLoad.For(scenario.Load, request.Duration)]) { WarmUp = scenario.WarmUp, MaxInFlight = scenario.MaxInFlight };
        foreach (var error in LoadPlanValidator.Validate(plan))
        {
            optionProblems.Add(string.Empty, error.Field == "warm_up"
                ? $"the game day must last longer than the scenario's warm_up ({DurationParser.Format(scenario.WarmUp)}): {error.Message}"
                : error.Message);
        }

        var all = configProblems.Problems.Concat(scenarioProblems.Problems).Concat(optionProblems.Problems).ToList();
        if (all.Count > 0)
        {
            throw new InvalidInputException(all);
        }
    }
}
