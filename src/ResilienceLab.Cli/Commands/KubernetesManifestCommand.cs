using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Kubernetes;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// <c>k8s-manifest --scenario NAME --agents N</c>: the Kubernetes objects that run the scenario split across N agent pods
/// (an Indexed Job), with one dependency host (Deployment and Service) and a merge Job over a shared volume.
/// </summary>
internal static class KubernetesManifestCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliConsole console)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario name (a file in --scenarios; the image must hold the same).", Required = true };
        var agents = new Option<int>("--agents") { Description = "Agent pods the run is split across (segments 1/N ... N/N).", Required = true };
        var image = new Option<string>("--image") { Description = "Image with resilience-lab on its PATH, the scenarios and config in its working folder, and /bin/sh.", DefaultValueFactory = _ => KubernetesManifestRequest.DefaultImage };
        var output = new Option<string?>("--out") { Description = "Write the manifest to this file (default: standard output); kubectl apply -f FILE." };
        var config = CommonOptions.Config();
        var scenarios = CommonOptions.Scenarios();
        var quick = CommonOptions.Quick();
        var segments = new SegmentOptions();
        var port = new Option<int>("--port") { Description = "The dependency host's API port; its servers take the next ports.", DefaultValueFactory = _ => 9000 };
        var command = new Command("k8s-manifest", "Write Kubernetes objects running a scenario across N agent pods: an Indexed Job, a dependency host, a merge Job on a shared volume.")
        {
            scenario, agents, image, output, config, scenarios, quick, segments.StartAt, segments.RunId, port,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            KubernetesManifestRequest request;
            try
            {
                var (loaded, read) = CommonOptions.ReadScenario(parse, config, scenarios, scenario);
                var (_, startAt, runId) = segments.Read(parse, TimeProvider.System);
                request = new KubernetesManifestRequest
                {
                    Scenario = read.Name,
                    Services = [.. loaded.Services.Select(s => s.Name)],
                    Agents = parse.GetValue(agents),
                    RunId = runId ?? RunIds.New(read.Name, TimeProvider.System.GetUtcNow()),
                    Image = parse.GetValue(image)!,
                    StartAt = startAt,
                    Quick = parse.GetValue(quick),
                    Port = parse.GetValue(port),
                };
            }
            catch (InvalidInputException ex)
            {
                return Problems.Print(console, ex);
            }

            if (request.Agents is < 1 or > ExecutionSegment.MaxCount)
            {
                console.WriteError($"error: --agents must be between 1 and {ExecutionSegment.MaxCount}, not {request.Agents}");
                return ExitCodes.InvalidInput;
            }

            if (request.Port < 1 || request.Port + request.Services.Count > 65_535)
            {
                console.WriteError($"error: --port must be between 1 and {65_535 - request.Services.Count}, not {request.Port}");
                return ExitCodes.InvalidInput;
            }

            if (string.IsNullOrWhiteSpace(request.Image) || request.Image.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"'))
            {
                console.WriteError($"error: --image {InputText.Quote(request.Image)} is not an image reference");
                return ExitCodes.InvalidInput;
            }

            var text = KubernetesManifest.Build(request).ToJsonString(Indented) + Environment.NewLine;
            if (parse.GetValue(output) is not { } path)
            {
                console.Output.Profile.Out.Writer.Write(text);
                return ExitCodes.Contained;
            }

            if (OutputChecks.Refused(console, "--out", WritableLocation.FileProblem(path)))
            {
                return ExitCodes.InvalidInput;
            }

            try
            {
                var full = Path.GetFullPath(path);
                var temporary = $"{full}.{Environment.ProcessId}.tmp";
                await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
                File.Move(temporary, full, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return OutputChecks.WriteFailed(console, path, ex.Message);
            }

            console.Output.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {request.Agents} agent(s) of {request.Scenario}, run {request.RunId}; kubectl apply -f {path}, then kubectl logs -f job/{KubernetesManifest.Name(request.Scenario)}-merge"));
            return ExitCodes.Contained;
        });
        return command;
    }
}
