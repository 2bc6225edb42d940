namespace ResilienceLab.Chaos.Ports;

/// <summary>The AWS API operation names the port decorators report, for an API fault's <c>operations</c> filter.</summary>
public static class ApiOperations
{
    public const string SendMessage = "SendMessage";
    public const string SendMessageBatch = "SendMessageBatch";
    public const string ReceiveMessage = "ReceiveMessage";
    public const string DeleteMessage = "DeleteMessage";
    public const string GetQueueAttributes = "GetQueueAttributes";
    public const string Publish = "Publish";
    public const string PutEvents = "PutEvents";
    public const string GetItem = "GetItem";
    public const string PutItem = "PutItem";
    public const string UpdateItem = "UpdateItem";

    public static IReadOnlyCollection<string> All { get; } =
        [SendMessage, SendMessageBatch, ReceiveMessage, DeleteMessage, GetQueueAttributes, Publish, PutEvents, GetItem, PutItem, UpdateItem];
}
