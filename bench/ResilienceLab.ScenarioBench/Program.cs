using ResilienceLab.ScenarioBench;

// Scenario-level benchmarks, each running the built command line (Release) as a user would:
//   accuracy  the gate's false alarms and misses (bench/gate-accuracy.sh)
//   capacity  the highest rate the whole stack holds here (bench/stack-capacity.sh)
//   provisioned-config  the shipped config with queue workers for --rate, on stdout (bench/long-run.sh)
var context = new BenchContext(args);
if (args.FirstOrDefault() == "provisioned-config")
{
    Console.WriteLine(context.WorkersFor(context.Option("--rate", 1000)).ToJsonString());
    return 0;
}

if (!File.Exists(context.Cli))
{
    Console.Error.WriteLine($"build the CLI first: dotnet build -c Release src/ResilienceLab.Cli ({context.Cli} not found)");
    return 2;
}

return args.FirstOrDefault() switch
{
    "accuracy" => GateAccuracy.Run(context),
    "capacity" => StackCapacity.Run(context),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ResilienceLab.ScenarioBench accuracy [--runs 3] [--scale 5] [--only a,b] [--full]");
    Console.Error.WriteLine("       ResilienceLab.ScenarioBench capacity [--scenario breaker-storm] [--rates 250,500,...] [--full] [--warm-up 12s]");
    Console.Error.WriteLine("       ResilienceLab.ScenarioBench provisioned-config [--rate 1000]");
    return 2;
}
