namespace ResilienceLab.Harness.GameDays;

/// <summary>The answer to an operator's command: whether it was done, why not (<see cref="ControlRefusal"/>), and a sentence.</summary>
public sealed record ControlResult(ControlRefusal? Refusal, string Message)
{
    public bool Done => Refusal is null;

    public static ControlResult Ok(string message) => new(null, message);

    public static ControlResult Refused(ControlRefusal refusal, string message) => new(refusal, message);
}
