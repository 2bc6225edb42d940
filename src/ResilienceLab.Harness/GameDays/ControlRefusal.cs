namespace ResilienceLab.Harness.GameDays;

/// <summary>Why an operator's command was not done; the control endpoint maps each to an HTTP status.</summary>
public enum ControlRefusal
{
    /// <summary>No such fault in the catalogue (404).</summary>
    UnknownFault,

    /// <summary>The command does not fit the state: the fault is already on, not on, or the game day is ending (409).</summary>
    Conflict,

    /// <summary>The command itself is malformed, e.g. an empty note (400).</summary>
    Invalid,
}
