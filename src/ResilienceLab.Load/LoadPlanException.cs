namespace ResilienceLab.Load;

/// <summary>Thrown by <see cref="LoadRunner"/> when a plan is invalid; lists every problem.</summary>
public sealed class LoadPlanException : ArgumentException
{
    public LoadPlanException(IReadOnlyList<LoadValidationError> errors)
        : base("The load plan is invalid: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<LoadValidationError> Errors { get; }
}
