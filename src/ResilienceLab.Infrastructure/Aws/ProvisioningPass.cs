using Amazon.Runtime;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// One pass of inspection, provisioning or teardown over remote resources: keeps each resource's line, turns a failed
/// call into a failed resource so the pass goes on with the rest, and once an endpoint gave no answer at all, fails the
/// rest of its resources without calling it again (so an unreachable endpoint costs one call's time, not one per resource).
/// </summary>
internal sealed class ProvisioningPass
{
    private readonly HashSet<string> _unreachable = new(StringComparer.Ordinal);
    private readonly List<ProvisionedResource> _resources = [];

    public IReadOnlyList<ProvisionedResource> Resources => _resources;

    /// <summary>Runs one resource's step against <paramref name="endpoint"/>; its result, or a failed line, is recorded and returned.</summary>
    public async Task<ProvisionedResource> RunAsync(string kind, string name, string identifier, AwsCallPolicy endpoint, Func<Task<ProvisionedResource>> step)
    {
        if (_unreachable.Contains(endpoint.Address))
        {
            return Add(Failed(kind, name, identifier, $"not attempted: {endpoint.Endpoint} did not answer"));
        }

        try
        {
            return Add(await step().ConfigureAwait(false));
        }
        catch (PortException exception)
        {
            if (exception.ErrorCode == AwsCallPolicy.NoAnswer)
            {
                _unreachable.Add(endpoint.Address);
            }

            return Add(Failed(kind, name, identifier, FirstLine(exception.Message)));
        }
        catch (Exception exception) when (exception is AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException or InvalidOperationException)
        {
            return Add(Failed(kind, name, identifier, FirstLine(exception.Message)));
        }
    }

    /// <summary>Records a resource that could not even be tried (what it depends on failed).</summary>
    public ProvisionedResource Add(ProvisionedResource resource)
    {
        _resources.Add(resource);
        return resource;
    }

    /// <summary>Replaces the line recorded for a resource (to add a detail found later).</summary>
    public void Replace(ProvisionedResource old, ProvisionedResource updated)
    {
        var index = _resources.IndexOf(old);
        if (index >= 0)
        {
            _resources[index] = updated;
        }
    }

    public static ProvisionedResource Failed(string kind, string name, string identifier, string detail) =>
        new(kind, name, identifier, ProvisioningOutcome.Failed, detail);

    /// <summary>
    /// The line for a resource that exists: drifted when settings differ, not owned without the ownership tag, else already
    /// existed. <paramref name="owned"/> null means ownership cannot be checked (<paramref name="ownershipNote"/> says why).
    /// </summary>
    public static ProvisionedResource Existing(string kind, string name, string identifier, IReadOnlyList<ResourceDifference> differences, bool? owned, string? ownershipNote = null)
    {
        var notOwned = owned == false ? AwsResourceTags.NotTaggedDetail : ownershipNote;
        var outcome = differences.Count > 0 ? ProvisioningOutcome.Drifted
            : owned == false ? ProvisioningOutcome.NotOwned
            : ProvisioningOutcome.AlreadyExisted;
        return new ProvisionedResource(kind, name, identifier, outcome, notOwned) { Differences = differences };
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;
}
