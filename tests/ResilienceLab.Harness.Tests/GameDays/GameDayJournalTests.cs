using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Harness.GameDays;

namespace ResilienceLab.Harness.Tests.GameDays;

public sealed class GameDayJournalTests
{
    [Fact]
    public void ToJsonLines_Entries_OneObjectPerLineWithTimeOffsetTypeAndDetails()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
        var journal = new GameDayJournal(time, time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(5));
        journal.ResetOrigin(time.GetTimestamp());
        time.Advance(TimeSpan.FromMilliseconds(2500));
        journal.Add(GameDayJournal.FaultOn, "payment-errors on", ("fault", "payment-errors"), ("source", "operator"), ("rate", 1.0), ("reason", null));
        time.Advance(TimeSpan.FromSeconds(1));
        journal.Add(GameDayJournal.OperatorNote, "breaker \"held\" → fine", ("note", "breaker \"held\" → fine"));

        var lines = journal.ToJsonLines().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Contains("→", lines[1], StringComparison.Ordinal);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("2025-03-14T09:00:07.500+00:00", first.GetProperty("at").GetString());
        Assert.Equal(2.5, first.GetProperty("t_s").GetDouble());
        Assert.Equal("fault_on", first.GetProperty("type").GetString());
        Assert.Equal("operator", first.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("reason").ValueKind);
        Assert.Equal("breaker \"held\" → fine", JsonDocument.Parse(lines[1]).RootElement.GetProperty("note").GetString());
        Assert.Equal([2.5, 3.5], journal.Entries.Select(e => e.TimeS));
    }

    [Fact]
    public void PrometheusExposition_Samples_DeclaresEachFamilyOnceAndEscapesLabels()
    {
        var text = new PrometheusExposition()
            .Counter("rl_calls_total", "Calls.", 3, ("service", "pay\"ment"))
            .Counter("rl_calls_total", "Calls.", 4, ("service", "inventory"))
            .Gauge("rl_p99_ms", "p99.", 12.5)
            .ToString();

        Assert.Equal(
            "# HELP rl_calls_total Calls.\n# TYPE rl_calls_total counter\nrl_calls_total{service=\"pay\\\"ment\"} 3\nrl_calls_total{service=\"inventory\"} 4\n" +
            "# HELP rl_p99_ms p99.\n# TYPE rl_p99_ms gauge\nrl_p99_ms 12.5\n",
            text);
    }

    [Fact]
    public void Add_WithAFile_EachEntryIsOnDiskBeforeTheJournalIsClosed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"resiliencelab-journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
            var journal = new GameDayJournal(time, time.GetTimestamp(), path);
            journal.Add(GameDayJournal.FaultOn, "payment-errors on", ("fault", "payment-errors"));
            journal.Add(GameDayJournal.BreakerTransition, "payment breaker Closed → Open", ("service", "payment"));
            journal.Add(GameDayJournal.OperatorNote, "first note", ("note", "first note"));
            journal.Add(GameDayJournal.OperatorNote, "second note", ("note", "second note"));

            // Read through another handle while the journal is still open, as after a kill -9.
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(4, lines.Length);
            Assert.Equal(["fault_on", "breaker_transition", "operator_note", "operator_note"], GameDayJournal.Read(path).Select(e => e.Type));
            Assert.Null(journal.WriteError);
            journal.Dispose();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_LastLineCutShort_SkipsIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"resiliencelab-journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllText(path, "{\"at\":\"2025-03-14T09:00:00.000+00:00\",\"t_s\":1,\"type\":\"operator_note\",\"text\":\"ok\"}\n{\"at\":\"2025-03-14T09:0");

            var entry = Assert.Single(GameDayJournal.Read(path));

            Assert.Equal("ok", entry.Text);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
