namespace ResilienceLab.Load;

/// <summary>
/// One segment of a load plan. Segments run back to back; a ramp starts from the previous segment's value (0 at start).
/// Open-model segments (<see cref="Inject"/>, <see cref="RampingInject"/>, <see cref="IterationsForInject"/>) and
/// closed-model segments (<see cref="KeepConstant"/>, <see cref="RampingConstant"/>, <see cref="IterationsForConstant"/>)
/// may not be mixed in one plan; <see cref="Pause"/> fits either.
/// </summary>
public abstract record LoadSimulation;
