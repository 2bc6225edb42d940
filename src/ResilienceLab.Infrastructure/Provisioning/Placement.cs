namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>Where one service (SQS, SNS, EventBridge or DynamoDB) is: in-process, the region's AWS endpoint, or an endpoint URL.</summary>
public sealed record Placement
{
    private Placement(PlacementKind kind, Uri? endpoint)
    {
        Kind = kind;
        Endpoint = endpoint;
    }

    public static Placement InProcess { get; } = new(PlacementKind.InProcess, null);

    public static Placement Aws { get; } = new(PlacementKind.Aws, null);

    public PlacementKind Kind { get; }

    /// <summary>The endpoint URL (<see cref="PlacementKind.Endpoint"/> only).</summary>
    public Uri? Endpoint { get; }

    public bool IsInProcess => Kind == PlacementKind.InProcess;

    public static Placement At(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new(PlacementKind.Endpoint, endpoint);
    }

    /// <summary><c>local</c>, <c>aws</c> or the URL, as the config writes it.</summary>
    public override string ToString() => Kind switch
    {
        PlacementKind.InProcess => "local",
        PlacementKind.Aws => "aws",
        PlacementKind.Endpoint => Endpoint!.ToString(),
    };
}
