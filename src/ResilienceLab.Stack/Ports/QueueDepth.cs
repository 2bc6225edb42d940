namespace ResilienceLab.Stack.Ports;

/// <summary>SQS's ApproximateNumberOfMessages (visible) and ApproximateNumberOfMessagesNotVisible (in flight).</summary>
public readonly record struct QueueDepth(int Visible, int InFlight)
{
    public int Total => Visible + InFlight;
}
