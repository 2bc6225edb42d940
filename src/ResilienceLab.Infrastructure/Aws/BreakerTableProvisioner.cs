using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// Inspects, creates and removes the circuit-breaker table as the document does: hash key <c>service_name</c> (S),
/// PAY_PER_REQUEST, tagged; provisioning waits until the table is ACTIVE. An existing table is compared by its key schema.
/// DynamoDB Local has no tags: there ownership cannot be checked, and teardown removes the table by name only when the
/// endpoint is on this machine (an emulator).
/// </summary>
internal sealed class BreakerTableProvisioner
{
    private const string Kind = "table";
    private const string NoTagsDetail = "ownership not checked: the endpoint has no tags (DynamoDB Local)";
    private static readonly string ExpectedKeySchema = $"{BreakerItemAttributes.ServiceName} (S) HASH";

    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly AwsCallPolicy _calls;
    private readonly TimeProvider _timeProvider;
    private readonly bool _onThisMachine;

    /// <param name="dynamoDb">The DynamoDB client.</param>
    /// <param name="calls">The bound of each call, naming the endpoint.</param>
    /// <param name="timeProvider">The clock of the wait for ACTIVE.</param>
    /// <param name="onThisMachine">True when the endpoint is a loopback address.</param>
    public BreakerTableProvisioner(IAmazonDynamoDB dynamoDb, AwsCallPolicy calls, TimeProvider timeProvider, bool onThisMachine)
    {
        _dynamoDb = dynamoDb;
        _calls = calls;
        _timeProvider = timeProvider;
        _onThisMachine = onThisMachine;
    }

    public Task ProvisionAsync(ResourcePlan plan, ProvisioningPass pass, bool create, CancellationToken cancellationToken)
    {
        var name = plan.BreakerTable.PhysicalName;
        return pass.RunAsync(Kind, name, name, _calls, async () =>
        {
            var existing = await DescribeAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                var owned = await IsOursAsync(existing.TableArn ?? name, cancellationToken).ConfigureAwait(false);
                return ProvisioningPass.Existing(Kind, name, existing.TableArn ?? name, KeySchemaDifferences(existing), owned, owned is null ? NoTagsDetail : null);
            }

            if (!create)
            {
                return new ProvisionedResource(Kind, name, name, ProvisioningOutcome.Missing);
            }

            var request = new CreateTableRequest
            {
                TableName = name,
                AttributeDefinitions = [new AttributeDefinition(BreakerItemAttributes.ServiceName, ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement(BreakerItemAttributes.ServiceName, KeyType.HASH)],
                BillingMode = BillingMode.PAY_PER_REQUEST,
                Tags = AwsResourceTags.For(plan).Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            };
            var outcome = ProvisioningOutcome.Created;
            await _calls.ExecuteAsync("CreateTable", async token =>
            {
                try
                {
                    await _dynamoDb.CreateTableAsync(request, token).ConfigureAwait(false);
                }
                catch (ResourceInUseException)
                {
                    // Someone created it between our DescribeTable and CreateTable.
                    outcome = ProvisioningOutcome.AlreadyExisted;
                }
            }, cancellationToken).ConfigureAwait(false);

            var active = await WaitUntilActiveAsync(name, cancellationToken).ConfigureAwait(false);
            return new ProvisionedResource(Kind, name, active.TableArn ?? name, outcome);
        });
    }

    public Task TeardownAsync(ResourcePlan plan, ProvisioningPass pass, CancellationToken cancellationToken)
    {
        var name = plan.BreakerTable.PhysicalName;
        return pass.RunAsync(Kind, name, name, _calls, async () =>
        {
            var existing = await DescribeAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return new ProvisionedResource(Kind, name, name, ProvisioningOutcome.NotFound);
            }

            var arn = existing.TableArn ?? name;
            var owned = await IsOursAsync(arn, cancellationToken).ConfigureAwait(false);
            if (owned == false)
            {
                return new ProvisionedResource(Kind, name, arn, ProvisioningOutcome.NotOwned, AwsResourceTags.NotOursDetail);
            }

            if (owned is null && !_onThisMachine)
            {
                return new ProvisionedResource(Kind, name, arn, ProvisioningOutcome.NotOwned, "left alone: " + NoTagsDetail);
            }

            var deleted = await _calls.ExecuteAsync("DeleteTable", async token =>
            {
                try
                {
                    await _dynamoDb.DeleteTableAsync(new DeleteTableRequest { TableName = name }, token).ConfigureAwait(false);
                    return true;
                }
                catch (ResourceNotFoundException)
                {
                    return false;
                }
            }, cancellationToken).ConfigureAwait(false);
            return new ProvisionedResource(
                Kind, name, arn, deleted ? ProvisioningOutcome.Deleted : ProvisioningOutcome.NotFound, deleted && owned is null ? "removed by name: the endpoint on this machine has no tags" : null);
        });
    }

    /// <summary>How the table's key schema differs from the document's (hash key <c>service_name</c> of type S).</summary>
    internal static IReadOnlyList<ResourceDifference> KeySchemaDifferences(TableDescription table)
    {
        var types = (table.AttributeDefinitions ?? []).ToDictionary(a => a.AttributeName, a => a.AttributeType?.Value, StringComparer.Ordinal);
        var found = string.Join(", ", (table.KeySchema ?? []).Select(k => $"{k.AttributeName} ({types.GetValueOrDefault(k.AttributeName)}) {k.KeyType?.Value}"));
        return found == ExpectedKeySchema ? [] : [new ResourceDifference("KeySchema", ExpectedKeySchema, found.Length == 0 ? "none" : found)];
    }

    /// <summary>True or false by the ownership tag; null when the endpoint has no tags (DynamoDB Local).</summary>
    private Task<bool?> IsOursAsync(string arn, CancellationToken cancellationToken) =>
        _calls.ExecuteAsync<bool?>("ListTagsOfResource", async token =>
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            string? next = null;
            do
            {
                ListTagsOfResourceResponse response;
                try
                {
                    response = await _dynamoDb.ListTagsOfResourceAsync(new ListTagsOfResourceRequest { ResourceArn = arn, NextToken = next }, token).ConfigureAwait(false);
                }
                catch (AmazonDynamoDBException exception) when (exception.ErrorCode == "UnknownOperationException")
                {
                    return null;
                }

                foreach (var tag in response.Tags ?? [])
                {
                    tags[tag.Key] = tag.Value;
                }

                next = response.NextToken;
            }
            while (!string.IsNullOrEmpty(next));

            return AwsResourceTags.IsOurs(tags);
        }, cancellationToken);

    private Task<TableDescription?> DescribeAsync(string name, CancellationToken cancellationToken) =>
        _calls.ExecuteAsync("DescribeTable", async token =>
        {
            try
            {
                return (await _dynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = name }, token).ConfigureAwait(false)).Table;
            }
            catch (ResourceNotFoundException)
            {
                return null;
            }
        }, cancellationToken);

    private async Task<TableDescription> WaitUntilActiveAsync(string name, CancellationToken cancellationToken)
    {
        var deadline = _timeProvider.GetUtcNow() + AwsConstants.TableActiveTimeout;
        while (true)
        {
            var table = await DescribeAsync(name, cancellationToken).ConfigureAwait(false);
            if (table is not null && table.TableStatus == TableStatus.ACTIVE)
            {
                return table;
            }

            if (_timeProvider.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"table {name} did not become ACTIVE within {AwsConstants.TableActiveTimeout}");
            }

            await Task.Delay(AwsConstants.TableActivePollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
