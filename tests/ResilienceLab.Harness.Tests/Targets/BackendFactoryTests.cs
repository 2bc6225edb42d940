using System.Text.Json.Nodes;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Targets;
using ResilienceLab.Harness.Tests.Configuration;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Harness.Tests.Targets;

public sealed class BackendFactoryTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private LooseCouplingConfig Config(JsonObject? endpoints)
    {
        var json = JsonNode.Parse(File.ReadAllText(ConfigReaderTests.RepositoryConfig()))!;
        if (endpoints is not null)
        {
            json["endpoints"] = endpoints;
        }

        return ConfigReader.Read(_files.Write("config.json", json.ToJsonString()));
    }

    [Fact]
    public void Placements_NoEndpoints_FollowTheTarget()
    {
        var config = Config(null);

        Assert.Equal(ServicePlacements.AllInProcess, BackendFactory.Placements("local", config));
        Assert.Equal(ServicePlacements.AllAws, BackendFactory.Placements("aws", config));
    }

    [Fact]
    public void Placements_Mixed_EachServiceWhereEndpointsSay()
    {
        var config = Config(new JsonObject { ["sqs"] = "http://127.0.0.1:4566", ["sns"] = "http://127.0.0.1:4566", ["events"] = "local" });

        var onAws = BackendFactory.Placements("aws", config);
        var onLocal = BackendFactory.Placements("local", config);

        Assert.Equal(new Uri("http://127.0.0.1:4566"), onAws.Sqs.Endpoint);
        Assert.True(onAws.Events.IsInProcess);
        Assert.Equal(Placement.Aws, onAws.DynamoDb);
        Assert.True(onLocal.DynamoDb.IsInProcess);
        Assert.Equal(
            new Dictionary<string, string> { ["sqs"] = "http://127.0.0.1:4566/", ["sns"] = "http://127.0.0.1:4566/", ["events"] = "local", ["dynamodb"] = "aws" },
            onAws.ToDictionary());
        Assert.Equal(ServicePlacements.AllInProcess, BackendFactory.Placements(BackendFactory.InProcess, config));
    }

    [Fact]
    public void CheckedPlacements_TopicsOnAnEndpointQueuesInProcess_NamesTheEndpointsField()
    {
        var config = Config(new JsonObject { ["sns"] = "http://127.0.0.1:4566" });

        var exception = Assert.Throws<InvalidInputException>(() => BackendFactory.CheckedPlacements("local", config));

        var problem = Assert.Single(exception.Problems);
        Assert.Equal("endpoints.sns", problem.Path);
        Assert.Contains("cannot deliver to queues in this process", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AllInProcessOrMixed_TheMatchingBackend()
    {
        await using var local = BackendFactory.Create("local", Config(null), TimeProvider.System);
        await using var mixed = BackendFactory.Create("local", Config(new JsonObject { ["dynamodb"] = "http://127.0.0.1:8000" }), TimeProvider.System);

        Assert.IsType<LocalBackend>(local);
        var placed = Assert.IsType<PlacedBackend>(mixed);
        Assert.Equal(new Uri("http://127.0.0.1:8000"), placed.Placements.DynamoDb.Endpoint);
        Assert.True(placed.Placements.Sqs.IsInProcess);
    }
}
