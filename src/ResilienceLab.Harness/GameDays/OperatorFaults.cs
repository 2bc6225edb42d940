using ResilienceLab.Chaos.Faults;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// The faults an operator starts and stops by name during a game day: the scenario's <c>catalogue</c>, switched through
/// <see cref="ManualFaults"/>, with every switch written to the journal (<c>source: operator</c>). The scheduled faults are
/// listed alongside, read-only.
/// </summary>
public sealed class OperatorFaults
{
    public const string Source = "operator";

    private readonly Dictionary<string, FaultSpec> _catalogue;
    private readonly IReadOnlyList<FaultSpec> _scheduled;
    private readonly Func<IReadOnlyList<FaultSpec>> _scheduledActive;
    private readonly ManualFaults _manual;

    public OperatorFaults(IReadOnlyList<FaultSpec> catalogue, IReadOnlyList<FaultSpec> scheduled, Func<IReadOnlyList<FaultSpec>> scheduledActive, ManualFaults manual)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(scheduled);
        ArgumentNullException.ThrowIfNull(scheduledActive);
        ArgumentNullException.ThrowIfNull(manual);
        _catalogue = catalogue.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _scheduled = scheduled;
        _scheduledActive = scheduledActive;
        _manual = manual;
    }

    public ManualFaults Manual => _manual;

    public IReadOnlyList<OperatorFaultInfo> List()
    {
        var scheduledOn = _scheduledActive().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. _catalogue.Values.Select(f => new OperatorFaultInfo(f.Name, FaultNames.Of(f.Kind), f.Target, "catalogue", _manual.IsActive(f.Name), f.Duration > TimeSpan.Zero ? f.Duration.TotalSeconds : null, _manual.RequestsAffected(f.Name))),
            .. _scheduled.Select(f => new OperatorFaultInfo(f.Name, FaultNames.Of(f.Kind), f.Target, "schedule", scheduledOn.Contains(f.Name), f.Duration.TotalSeconds, 0)),
        ];
    }

    public ControlResult Start(string name)
    {
        if (!_catalogue.TryGetValue(name, out var spec))
        {
            return ControlResult.Refused(ControlRefusal.UnknownFault, $"{InputText.Quote(name)} is not in the scenario's catalogue ({string.Join(", ", _catalogue.Keys)})");
        }

        try
        {
            _manual.StartNow(spec);
        }
        catch (InvalidOperationException ex)
        {
            return ControlResult.Refused(ControlRefusal.Conflict, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return ControlResult.Refused(ControlRefusal.Conflict, ex.Message);
        }

        var until = spec.Duration > TimeSpan.Zero ? $" for {Load.DurationParser.Format(spec.Duration)}" : " until stopped";
        return ControlResult.Ok($"started '{name}' ({FaultNames.Of(spec.Kind)} on {spec.Target}){until}");
    }

    public ControlResult Stop(string name)
    {
        if (!_catalogue.ContainsKey(name))
        {
            return ControlResult.Refused(ControlRefusal.UnknownFault, $"{InputText.Quote(name)} is not in the scenario's catalogue ({string.Join(", ", _catalogue.Keys)})");
        }

        return _manual.StopNow(name)
            ? ControlResult.Ok($"stopped '{name}'")
            : ControlResult.Refused(ControlRefusal.Conflict, $"'{name}' is not on");
    }
}
