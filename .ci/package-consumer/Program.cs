// What a user's own project does with the ResilienceLab package: puts its code (here a plain HttpClient call that
// gives up after 200 ms) under load and a payment outage on the run's WireMock dependency, judges a hypothesis and
// writes the report folder. Exits 0 when the verdict is contained, 1 otherwise. Usage: PackageConsumer REPORT-FOLDER
using ResilienceLab;
using ResilienceLab.Reporting.Model;

var s = TimeSpan.FromSeconds(1);
using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
var scenario = ResilienceScenario
    .Create("package-check", async (context, token) =>
    {
        try
        {
            using var response = await http.PostAsync(new Uri(context.Dependency("payment"), "charge"), null, token);
            return response.IsSuccessStatusCode ? Response.Ok() : Response.Fail($"http_{(int)response.StatusCode}");
        }
        catch (TaskCanceledException) when (!token.IsCancellationRequested)
        {
            return Response.Fail("timeout");
        }
    })
    .WithDescription("payment answers 503 to everything for 6 s; the client fails fast")
    .WithDependencies("payment")
    .WithWarmUpDuration(s)
    .WithLoadSimulations(Simulation.Inject(rate: 20, interval: s, during: 16 * s))
    .WithFaults(Fault.HttpError("payment-outage", target: "payment", start: 4 * s, duration: 6 * s, status: 503, delay: TimeSpan.Zero))
    .WithHypothesis(Check.That("nine in ten charges fail fast during the outage", "fault.latency_p90_ms", "<=", 250));

var result = await ResilienceRunner.RegisterScenarios(scenario).WithQuick().WithReportFolder(args[0]).RunAsync();
var run = result["package-check"];
Console.WriteLine(run);
return run.Verdict == Verdict.Contained && File.Exists(Path.Combine(run.ReportFolder, "report.html")) ? 0 : 1;
