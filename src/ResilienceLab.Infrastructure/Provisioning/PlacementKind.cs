namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>Where one service's resources live.</summary>
public enum PlacementKind
{
    /// <summary>In this process, for the length of a run (<c>local</c>).</summary>
    InProcess,

    /// <summary>The region's AWS endpoint (<c>aws</c>).</summary>
    Aws,

    /// <summary>An endpoint URL: an emulator (fauxqs, DynamoDB Local, LocalStack, ElasticMQ) or another AWS endpoint.</summary>
    Endpoint,
}
