namespace ResilienceLab.Harness.GameDays;

/// <summary>What an operator can do while a game day runs; the control endpoint and the console keys both call it.</summary>
public interface IGameDayControl
{
    IReadOnlyList<OperatorFaultInfo> Faults();

    ControlResult StartFault(string name);

    ControlResult StopFault(string name);

    ControlResult AddNote(string text);

    /// <summary>Ends the game day: load stops, faults are rolled back, the report is written.</summary>
    ControlResult End();

    GameDayStatus Status();
}
