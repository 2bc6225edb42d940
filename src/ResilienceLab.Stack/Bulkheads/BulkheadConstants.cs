namespace ResilienceLab.Stack.Bulkheads;

internal static class BulkheadConstants
{
    public const int DefaultMaxConcurrency = 10;
    public const int DefaultMaxQueue = 0;

    public const string ReasonFull = "bulkhead_full";
}
