using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Suites;

namespace ResilienceLab.Harness.Tests.Suites;

public sealed class SuiteReaderTests
{
    [Fact]
    public void Read_RepositoryNightlySuite_ListsExistingScenarios()
    {
        var catalog = new ScenarioCatalog(SuiteFixtures.Scenarios);

        var suite = SuiteReader.Read(SuiteReader.Find(SuiteFixtures.Scenarios, "nightly"), catalog);

        Assert.Equal("nightly", suite.Name);
        Assert.Contains("breaker-storm", suite.Scenarios);
        Assert.All(suite.Scenarios, name => Assert.Contains(name, catalog.Names()));
    }

    [Fact]
    public void Read_UnknownScenario_NamesTheFileAndFieldPath()
    {
        using var files = new TempFiles();
        var folder = SuiteFixtures.ScenarioFolder(files, "a", "b");
        var path = files.Write("scenarios/suites/s.json", """{ "scenarios": ["a", "nope", "b", "a"], "max_regression_pct": -1, "extra": 1 }""");

        var ex = Assert.Throws<InvalidInputException>(() => SuiteReader.Read(path, new ScenarioCatalog(folder)));

        Assert.All(ex.Problems, p => Assert.Equal(path, p.File));
        Assert.Contains(ex.Problems, p => p.Path == "scenarios[1]" && p.Message.Contains("nope", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "scenarios[3]" && p.Message.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "max_regression_pct");
        Assert.Contains(ex.Problems, p => p.Path == "extra");
    }

    [Fact]
    public void Find_UnknownSuite_ListsAvailableSuites()
    {
        var ex = Assert.Throws<InvalidInputException>(() => SuiteReader.Find(SuiteFixtures.Scenarios, "weekly"));

        Assert.Contains("nightly", ex.Message, StringComparison.Ordinal);
    }
}
