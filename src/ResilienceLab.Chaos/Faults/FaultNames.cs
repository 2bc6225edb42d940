namespace ResilienceLab.Chaos.Faults;

/// <summary>The snake_case names scenario files and reports use for <see cref="FaultKind"/> and <see cref="ConsumerCrashMode"/>, and each kind's category.</summary>
public static class FaultNames
{
    private static readonly Dictionary<string, FaultKind> ByName = new(StringComparer.Ordinal)
    {
        ["http_error"] = FaultKind.HttpError,
        ["http_delay"] = FaultKind.HttpDelay,
        ["http_delay_uniform"] = FaultKind.HttpDelayUniform,
        ["http_delay_lognormal"] = FaultKind.HttpDelayLognormal,
        ["http_blackhole"] = FaultKind.HttpBlackhole,
        ["http_empty_response"] = FaultKind.HttpEmptyResponse,
        ["http_malformed_chunk"] = FaultKind.HttpMalformedChunk,
        ["http_connection_reset"] = FaultKind.HttpConnectionReset,
        ["http_flapping"] = FaultKind.HttpFlapping,
        ["http_first_n"] = FaultKind.HttpFirstN,
        ["api_internal_error"] = FaultKind.ApiInternalError,
        ["api_throttle"] = FaultKind.ApiThrottle,
        ["api_unavailable"] = FaultKind.ApiUnavailable,
        ["api_latency"] = FaultKind.ApiLatency,
        ["consumer_crash"] = FaultKind.ConsumerCrash,
        ["poison_message"] = FaultKind.PoisonMessage,
    };

    private static readonly Dictionary<string, ConsumerCrashMode> CrashModes = new(StringComparer.Ordinal)
    {
        ["stall"] = ConsumerCrashMode.Stall,
        ["crash_before_delete"] = ConsumerCrashMode.CrashBeforeDelete,
    };

    public static IReadOnlyCollection<string> All => ByName.Keys;

    public static IReadOnlyCollection<string> AllCrashModes => CrashModes.Keys;

    public static string Of(FaultKind kind) => ByName.First(p => p.Value == kind).Key;

    public static bool TryParse(string name, out FaultKind kind) => ByName.TryGetValue(name, out kind);

    public static bool TryParseCrashMode(string name, out ConsumerCrashMode mode) => CrashModes.TryGetValue(name, out mode);

    public static FaultCategory CategoryOf(FaultKind kind) => kind switch
    {
        FaultKind.ApiInternalError or FaultKind.ApiThrottle or FaultKind.ApiUnavailable or FaultKind.ApiLatency => FaultCategory.Api,
        FaultKind.ConsumerCrash or FaultKind.PoisonMessage => FaultCategory.Process,
        _ => FaultCategory.Http,
    };
}
