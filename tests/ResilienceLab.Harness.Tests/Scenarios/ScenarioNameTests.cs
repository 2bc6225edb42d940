using System.Text.Json.Nodes;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Suites;
using ResilienceLab.Harness.Tests.Suites;

namespace ResilienceLab.Harness.Tests.Scenarios;

/// <summary>Scenario, fault and suite names become folder and file names, so they are slugs, never paths.</summary>
public sealed class ScenarioNameTests : IDisposable
{
    private static readonly LooseCouplingConfig Config = ConfigReader.Read(SuiteFixtures.Config);
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("/tmp/elsewhere")]
    [InlineData("../../x")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData(".hidden")]
    [InlineData("with space")]
    public void Read_NameThatIsAPath_IsRefusedAtName(string name)
    {
        var file = WriteScenario(json => json["name"] = name);

        var ex = Assert.Throws<InvalidInputException>(() => ScenarioReader.Read(file, Config));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("name", problem.Path);
        Assert.Equal(file, problem.File);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    public void Validate_NameThatIsAPath_ReportsOneProblemAtName(string name)
    {
        var file = WriteScenario(json => json["name"] = name);

        var problem = Assert.Single(ScenarioValidator.Validate(file, Config));

        Assert.Equal("name", problem.Path);
    }

    [Fact]
    public void Read_DottedSlugName_IsAccepted()
    {
        var file = WriteScenario(json => json["name"] = "breaker-storm_v1.2");

        Assert.Equal("breaker-storm_v1.2", ScenarioReader.Read(file, Config).Name);
    }

    [Fact]
    public void SuiteRead_NameThatIsAPath_IsRefused()
    {
        var folder = SuiteFixtures.ScenarioFolder(_files, "one");
        var suite = _files.Write("suite.json", """{ "name": "../../escape", "scenarios": ["one"] }""");

        var ex = Assert.Throws<InvalidInputException>(() => SuiteReader.Read(suite, new ScenarioCatalog(folder)));

        Assert.Equal("name", Assert.Single(ex.Problems).Path);
    }

    private string WriteScenario(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(SuiteFixtures.Scenarios, "breaker-storm.json")))!;
        change(json);
        return _files.Write("scenario.json", json.ToJsonString());
    }
}
