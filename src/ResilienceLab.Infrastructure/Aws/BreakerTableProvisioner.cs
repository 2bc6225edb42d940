using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// Creates and removes the circuit-breaker table as the document does: hash key <c>service_name</c> (S),
/// PAY_PER_REQUEST, tagged; provisioning waits until the table is ACTIVE.
/// </summary>
internal sealed class BreakerTableProvisioner
{
    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly TimeProvider _timeProvider;

    public BreakerTableProvisioner(IAmazonDynamoDB dynamoDb, TimeProvider timeProvider)
    {
        _dynamoDb = dynamoDb;
        _timeProvider = timeProvider;
    }

    public async Task<ProvisionedResource> ProvisionAsync(ResourcePlan plan, CancellationToken cancellationToken)
    {
        var name = plan.BreakerTable.PhysicalName;
        var existing = await DescribeAsync(name, cancellationToken).ConfigureAwait(false);
        var outcome = ProvisioningOutcome.AlreadyExisted;
        if (existing is null)
        {
            var request = new CreateTableRequest
            {
                TableName = name,
                AttributeDefinitions = [new AttributeDefinition(BreakerItemAttributes.ServiceName, ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement(BreakerItemAttributes.ServiceName, KeyType.HASH)],
                BillingMode = BillingMode.PAY_PER_REQUEST,
                Tags = AwsResourceTags.For(plan).Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            };
            try
            {
                await _dynamoDb.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);
                outcome = ProvisioningOutcome.Created;
            }
            catch (ResourceInUseException)
            {
                // Someone created it between our DescribeTable and CreateTable.
            }
            catch (AmazonDynamoDBException exception)
            {
                throw AwsErrorMapping.ToPortException("CreateTable", exception);
            }
        }

        var active = await WaitUntilActiveAsync(name, cancellationToken).ConfigureAwait(false);
        return new ProvisionedResource("table", name, active.TableArn ?? name, outcome);
    }

    public async Task<ProvisionedResource> TeardownAsync(ResourcePlan plan, CancellationToken cancellationToken)
    {
        var name = plan.BreakerTable.PhysicalName;
        var existing = await DescribeAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return new ProvisionedResource("table", name, name, ProvisioningOutcome.NotFound);
        }

        var arn = existing.TableArn ?? name;
        var notOurs = await NotOursReasonAsync(arn, cancellationToken).ConfigureAwait(false);
        if (notOurs is not null)
        {
            return new ProvisionedResource("table", name, arn, ProvisioningOutcome.NotFound, notOurs);
        }

        try
        {
            await _dynamoDb.DeleteTableAsync(new DeleteTableRequest { TableName = name }, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            return new ProvisionedResource("table", name, arn, ProvisioningOutcome.NotFound);
        }
        catch (AmazonDynamoDBException exception)
        {
            throw AwsErrorMapping.ToPortException("DeleteTable", exception);
        }

        return new ProvisionedResource("table", name, arn, ProvisioningOutcome.Deleted);
    }

    /// <summary>Null when the table carries the ownership tag; otherwise why teardown leaves it alone.</summary>
    private async Task<string?> NotOursReasonAsync(string arn, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        string? next = null;
        do
        {
            var request = new ListTagsOfResourceRequest { ResourceArn = arn, NextToken = next };
            ListTagsOfResourceResponse response;
            try
            {
                response = await _dynamoDb.ListTagsOfResourceAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonDynamoDBException exception) when (exception.ErrorCode == "UnknownOperationException")
            {
                // DynamoDB Local answers this: without tags ownership cannot be proven, so nothing is deleted.
                return "skipped: the endpoint does not support tags, so ownership cannot be checked (" + exception.Message + ")";
            }
            catch (AmazonDynamoDBException exception)
            {
                throw AwsErrorMapping.ToPortException("ListTagsOfResource", exception);
            }

            foreach (var tag in response.Tags ?? [])
            {
                tags[tag.Key] = tag.Value;
            }

            next = response.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        return AwsResourceTags.IsOurs(tags) ? null : AwsResourceTags.NotOursDetail;
    }

    private async Task<TableDescription?> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _dynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = name }, cancellationToken).ConfigureAwait(false);
            return response.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
        catch (AmazonDynamoDBException exception)
        {
            throw AwsErrorMapping.ToPortException("DescribeTable", exception);
        }
    }

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
