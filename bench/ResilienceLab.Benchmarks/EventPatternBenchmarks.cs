using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ResilienceLab.Infrastructure.Local.EventPatterns;

namespace ResilienceLab.Benchmarks;

/// <summary>One event (already parsed, as the local bus holds it) matched against one rule pattern, for three pattern shapes.</summary>
[MemoryDiagnoser]
public class EventPatternBenchmarks
{
    private const string Event = """
        {
          "version": "0", "id": "b-7", "source": "shipping-service", "detail-type": "Parcel Dispatched",
          "account": "000000000000", "region": "eu-west-1", "time": "2025-03-04T05:06:07Z", "resources": ["arn:parcel/77"],
          "detail": {
            "parcel": "PCL-2024-0077", "carrier": "DHL", "weight_kg": 4.25, "pieces": 2, "insured": false,
            "state": "IN_TRANSIT", "labels": ["fragile", "priority"], "origin_ip": "192.168.10.7",
            "destination": { "country": "FR", "city": "Lyon" },
            "legs": [ { "hub": "CDG", "hours": 6 }, { "hub": "LYS", "hours": 3 } ]
          }
        }
        """;

    private JsonDocument document = null!;
    private EventPattern exact = null!;
    private EventPattern filters = null!;
    private EventPattern arrayAndOr = null!;

    [GlobalSetup]
    public void Setup()
    {
        document = JsonDocument.Parse(Event);
        exact = EventPattern.Parse("""{"source":["shipping-service"],"detail-type":["Parcel Dispatched","Parcel Delivered"]}""");
        filters = EventPattern.Parse("""{"detail":{"parcel":[{"wildcard":"PCL-*-0077"}],"weight_kg":[{"numeric":[">",0,"<=",30]}],"state":[{"anything-but":"LOST"}],"origin_ip":[{"cidr":"192.168.0.0/16"}]}}""");
        arrayAndOr = EventPattern.Parse("""{"detail":{"legs":{"hub":["LYS"],"hours":[{"numeric":["<",4]}]},"$or":[{"labels":["fragile"]},{"insured":[true]}]}}""");
    }

    [GlobalCleanup]
    public void Cleanup() => document.Dispose();

    [Benchmark(Baseline = true)]
    public bool ExactValues() => exact.Matches(document.RootElement);

    [Benchmark]
    public bool ContentFilters() => filters.Matches(document.RootElement);

    [Benchmark]
    public bool ArrayElementAndOr() => arrayAndOr.Matches(document.RootElement);
}
