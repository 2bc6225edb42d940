namespace ResilienceLab.Infrastructure.Local;

/// <summary>Where a message stands in its <see cref="LocalMessageQueue"/>.</summary>
internal enum QueuedMessageState
{
    Visible,
    InFlight,
    Gone,
}
