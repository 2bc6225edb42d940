namespace ResilienceLab.Load;

/// <summary>One unit of work the runner starts on schedule. A thrown exception counts as a failure named after its type.</summary>
public delegate ValueTask<IterationOutcome> LoadIteration(IterationContext context, CancellationToken cancellationToken);
