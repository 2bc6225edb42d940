using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ResilienceLab.Harness.Kubernetes;

/// <summary>
/// A distributed run as Kubernetes objects (a <c>List</c>, JSON, which kubectl reads as YAML too): a PersistentVolumeClaim
/// for the shards, the dependency host as a Deployment and Service, the agents as an Indexed Job (the pod's completion
/// index, 0-based, is its segment I-1 of N) and a Job that waits for every shard and merges them with the host's records.
/// The merge Job's exit code is the verdict's, so <c>kubectl wait --for=condition=complete</c> gates on it.
/// </summary>
public static class KubernetesManifest
{
    private const string ShardsPath = "/shards";

    public static JsonObject Build(KubernetesManifestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = Name(request.Scenario);
        var host = $"{name}-dependencies";
        var hostUrl = string.Create(CultureInfo.InvariantCulture, $"http://{host}:{request.Port}/");
        var labels = new Func<string, JsonObject>(component => new JsonObject
        {
            ["app.kubernetes.io/name"] = "resilience-lab",
            ["app.kubernetes.io/instance"] = name,
            ["app.kubernetes.io/component"] = component,
        });
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray(
                Claim(name, request.Storage, labels("shards")),
                DependencyDeployment(request, host, labels("dependencies")),
                DependencyService(request, host, labels("dependencies")),
                AgentsJob(request, name, hostUrl, labels("agent")),
                MergeJob(request, name, hostUrl, labels("merge"))),
        };
    }

    /// <summary>A DNS-1123 label from the scenario's name: lowercase letters, digits and '-', at most 40 characters (room for suffixes).</summary>
    public static string Name(string scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var builder = new StringBuilder("rl-");
        foreach (var c in scenario.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var label = builder.ToString();
        return label[..Math.Min(label.Length, 40)].TrimEnd('-');
    }

    private static JsonObject Claim(string name, string storage, JsonObject labels) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "PersistentVolumeClaim",
        ["metadata"] = new JsonObject { ["name"] = $"{name}-shards", ["labels"] = labels },
        ["spec"] = new JsonObject
        {
            // Agents on several nodes write their shards to it, and the merge reads them all.
            ["accessModes"] = new JsonArray("ReadWriteMany"),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = storage } },
        },
    };

    private static JsonObject DependencyDeployment(KubernetesManifestRequest request, string host, JsonObject labels)
    {
        var args = new JsonArray("dependencies", "--scenario", request.Scenario, "--port", request.Port.ToString(CultureInfo.InvariantCulture), "--allow-remote");
        if (request.Quick)
        {
            args.Add("--quick");
        }

        if (request.StartAt is { } startAt)
        {
            args.Add("--start-at");
            args.Add(startAt.ToString("O", CultureInfo.InvariantCulture));
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = host, ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = new JsonObject
                    {
                        // SIGTERM rolls the host's faults back; give it time to answer.
                        ["terminationGracePeriodSeconds"] = 30,
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "dependencies",
                            ["image"] = request.Image,
                            ["command"] = new JsonArray("resilience-lab"),
                            ["args"] = args,
                            ["ports"] = Ports(request, (name, port) => new JsonObject { ["name"] = name, ["containerPort"] = port, ["protocol"] = "TCP" }),
                            ["readinessProbe"] = new JsonObject
                            {
                                ["httpGet"] = new JsonObject { ["path"] = "/dependencies", ["port"] = "api" },
                                ["periodSeconds"] = 2,
                            },
                        }),
                    },
                },
            },
        };
    }

    private static JsonObject DependencyService(KubernetesManifestRequest request, string host, JsonObject labels) =>
        new()
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = host, ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["selector"] = labels.DeepClone(),
                ["ports"] = Ports(request, (name, port) => new JsonObject { ["name"] = name, ["port"] = port, ["targetPort"] = port, ["protocol"] = "TCP" }),
            },
        };

    /// <summary>The host's ports: its API (<c>api</c>), then one per service in config order (<c>dep-1</c>, ...).</summary>
    private static JsonArray Ports(KubernetesManifestRequest request, Func<string, int, JsonObject> port)
    {
        var ports = new JsonArray(port("api", request.Port));
        for (var i = 0; i < request.Services.Count; i++)
        {
            ports.Add(port($"dep-{i + 1}", request.Port + 1 + i));
        }

        return ports;
    }

    private static JsonObject AgentsJob(KubernetesManifestRequest request, string name, string hostUrl, JsonObject labels)
    {
        var agents = request.Agents.ToString(CultureInfo.InvariantCulture);
        var quick = request.Quick ? " --quick" : string.Empty;

        // The completion index is 0-based; segments count from 1.
        var script = $"I=$((JOB_COMPLETION_INDEX + 1)); exec resilience-lab run --scenario '{request.Scenario}'{quick} --segment \"$I/{agents}\" --run-id '{request.RunId}' --dependencies {hostUrl} --allow-remote --out \"{ShardsPath}/agent-$I\"";
        return Job($"{name}-agents", labels, request.Agents, indexed: true, Container("agent", request.Image, script), name);
    }

    private static JsonObject MergeJob(KubernetesManifestRequest request, string name, string hostUrl, JsonObject labels)
    {
        var agents = request.Agents.ToString(CultureInfo.InvariantCulture);
        var script = $"until [ \"$(ls {ShardsPath}/agent-*/*/shard.json 2>/dev/null | wc -l)\" -ge {agents} ]; do sleep 5; done; " +
            $"resilience-lab merge {ShardsPath}/agent-* --dependencies {hostUrl} --out {ShardsPath}/merged; code=$?; cat {ShardsPath}/merged/*/report.md 2>/dev/null; exit $code";
        return Job($"{name}-merge", labels, 1, indexed: false, Container("merge", request.Image, script), name);
    }

    private static JsonObject Container(string name, string image, string script) => new()
    {
        ["name"] = name,
        ["image"] = image,
        ["command"] = new JsonArray("/bin/sh", "-c"),
        ["args"] = new JsonArray(script),
        ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "shards", ["mountPath"] = ShardsPath }),
    };

    /// <summary>A Job of <paramref name="completions"/> pods all at once; <paramref name="indexed"/> gives each pod its completion index (JOB_COMPLETION_INDEX).</summary>
    private static JsonObject Job(string jobName, JsonObject labels, int completions, bool indexed, JsonObject container, string name)
    {
        var spec = new JsonObject();
        if (indexed)
        {
            spec["completionMode"] = "Indexed";
        }

        spec["completions"] = completions;
        spec["parallelism"] = completions;

        // A failed agent or merge is a result to look at, not to retry: a rerun would start off the shared schedule.
        spec["backoffLimit"] = 0;
        spec["template"] = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["restartPolicy"] = "Never",
                ["containers"] = new JsonArray(container),
                ["volumes"] = new JsonArray(new JsonObject
                {
                    ["name"] = "shards",
                    ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = $"{name}-shards" },
                }),
            },
        };
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = jobName, ["labels"] = labels.DeepClone() },
            ["spec"] = spec,
        };
    }
}
