namespace ResilienceLab.Stack.Ports;

/// <summary>A publish-subscribe topic with SNS semantics: every subscribed queue gets every message, at least once.</summary>
public interface ITopic
{
    string Name { get; }

    /// <summary>Publishes one message and returns its MessageId.</summary>
    ValueTask<string> PublishAsync(string message, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default);
}
