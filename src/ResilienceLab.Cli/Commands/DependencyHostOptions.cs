using System.CommandLine;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Harness.SharedDependencies;
using ResilienceLab.Load;
using ResilienceLab.Load.Http;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// An agent's <c>--dependencies URL</c>: call the dependency host's servers instead of standing up its own (and leave the
/// HTTP faults to the host); <c>--allow-remote</c> lets the host be another machine.
/// </summary>
internal sealed class DependencyHostOptions
{
    /// <summary>How long an agent waits for the host to answer (a pod that is still starting).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public Option<string?> Dependencies { get; } = new("--dependencies") { Description = "URL of a dependency host (resilience-lab dependencies) to call instead of standing up this run's own dependency servers." };

    public Option<bool> AllowRemote { get; } = new("--allow-remote") { Description = "Allow a --dependencies host or an --otlp-endpoint that is not this machine." };

    public IEnumerable<Option> All => [Dependencies, AllowRemote];

    /// <summary>
    /// The request pointed at the host (its servers in the registry, the host's start when the agent gave none), or the
    /// request unchanged without <c>--dependencies</c>.
    /// </summary>
    /// <exception cref="InvalidInputException">Not a URL, not loopback without --allow-remote, not reachable, or the host runs another scenario, other services or another start.</exception>
    public async Task<RunRequest> ApplyAsync(ParseResult parse, RunRequest request, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Dependencies) is not { } text)
        {
            return request;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid($"{InputText.Quote(text)} is not an absolute http URL");
        }

        if (!parse.GetValue(AllowRemote) && !LoopbackGuard.IsLoopback(url))
        {
            throw Invalid($"host {InputText.Quote(url.Host)} is not this machine; pass --allow-remote to call a dependency host elsewhere");
        }

        var host = await DependencyHostClient.FetchAsync(url, "dependencies", "--dependencies", Patience, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        if (host.Scenario != request.Scenario.Name)
        {
            throw Invalid($"the host at {url} runs scenario {InputText.Quote(host.Scenario)}, not {InputText.Quote(request.Scenario.Name)}");
        }

        var missing = request.Config.Services.Select(s => s.Name).Where(s => !host.Services.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw Invalid($"the host at {url} serves no {string.Join(", ", missing)} (it runs another config)");
        }

        if (request.StartAt is { } startAt && startAt != host.Origin)
        {
            throw Invalid($"the host's run starts at {host.Origin:O}, not at --start-at {startAt:O} (leave --start-at out to take the host's)");
        }

        return request with
        {
            StartAt = host.Origin,
            DependencyHost = url,
            DependencyEndpoints = DependencyHostClient.Endpoints(url, host),
        };
    }

    private static InvalidInputException Invalid(string message) => new([new InputProblem("--dependencies", string.Empty, message)]);
}
