namespace ResilienceLab.Harness.Kubernetes;

/// <summary>What <c>k8s-manifest</c> describes: one scenario split across <see cref="Agents"/> pods, its dependency host, and the merge.</summary>
public sealed record KubernetesManifestRequest
{
    /// <summary>The scenario's name (as <c>--scenario</c> finds it in the image's scenarios folder).</summary>
    public required string Scenario { get; init; }

    /// <summary>The services of the config, in order: the dependency host serves each on the port after the previous.</summary>
    public required IReadOnlyList<string> Services { get; init; }

    public required int Agents { get; init; }

    /// <summary>The run id every agent passes.</summary>
    public required string RunId { get; init; }

    /// <summary>An image with <c>resilience-lab</c> on its PATH, the scenarios and config in its working folder, and /bin/sh. <value>Default <see cref="DefaultImage"/>.</value></summary>
    public string Image { get; init; } = DefaultImage;

    /// <summary>The run's start, given to the dependency host (the agents take it from the host). <value>Default null: the host's default, a minute after it starts.</value></summary>
    public DateTimeOffset? StartAt { get; init; }

    public bool Quick { get; init; }

    /// <summary>The dependency host's API port; its servers take the next ports. <value>Default 9000.</value></summary>
    public int Port { get; init; } = 9000;

    /// <summary>Size of the shared volume the shards and the merged report go to. <value>Default 1Gi.</value></summary>
    public string Storage { get; init; } = "1Gi";

    public const string DefaultImage = "resilience-lab:latest";
}
