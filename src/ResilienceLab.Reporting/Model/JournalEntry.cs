namespace ResilienceLab.Reporting.Model;

/// <summary>
/// One line of a game day's journal as the report shows it: when (wall clock and seconds from the start), what
/// (<c>fault_on</c>, <c>fault_off</c>, <c>breaker_transition</c>, <c>stop_condition_tripped</c>, <c>operator_note</c>,
/// <c>run_started</c>, <c>run_ended</c>) and a sentence saying it. The full line is in <c>journal.jsonl</c>.
/// </summary>
public sealed record JournalEntry(DateTimeOffset At, double TimeS, string Type, string Text);
