using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// <see cref="IBreakerTable"/> on the document's DynamoDB table (hash key <c>service_name</c>).
/// Reads are strongly consistent so a read-modify-write sees the latest version; writes are
/// conditioned on the version read (<c>attribute_not_exists(service_name)</c> for a first write).
/// Counter updates and state transitions are single UpdateItem calls with a ConditionExpression on the version,
/// returning the item after the update (ALL_NEW) or, when refused, as it stood (ALL_OLD).
/// </summary>
public sealed class DynamoDbBreakerTable : IBreakerTable
{
    private readonly IAmazonDynamoDB _dynamoDb;

    /// <param name="dynamoDb">The DynamoDB client.</param>
    /// <param name="tableName">The table's physical name, for example <c>loose-coupling-demo-circuit-breaker-dev</c>.</param>
    public DynamoDbBreakerTable(IAmazonDynamoDB dynamoDb, string tableName)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        _dynamoDb = dynamoDb;
        Name = tableName;
    }

    public string Name { get; }

    public async ValueTask<BreakerItem?> GetAsync(string serviceName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        var request = new GetItemRequest
        {
            TableName = Name,
            Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [BreakerItemAttributes.ServiceName] = new AttributeValue { S = serviceName },
            },
            ConsistentRead = true,
        };
        var response = await AwsErrorMapping.Guard(
            "GetItem", () => _dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? BreakerItemAttributes.FromItem(item) : null;
    }

    public async ValueTask<bool> TryPutAsync(BreakerItem item, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(item.ServiceName);
        var request = new PutItemRequest { TableName = Name, Item = BreakerItemAttributes.ToItem(item) };
        if (expectedVersion is { } expected)
        {
            // "#version" keeps the attribute name clear of DynamoDB's reserved words.
            request.ConditionExpression = "#version = :expected";
            request.ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["#version"] = BreakerItemAttributes.Version,
            };
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":expected"] = BreakerItemAttributes.Number(expected),
            };
        }
        else
        {
            request.ConditionExpression = $"attribute_not_exists({BreakerItemAttributes.ServiceName})";
        }

        try
        {
            await _dynamoDb.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonDynamoDBException exception)
        {
            throw AwsErrorMapping.ToPortException("PutItem", exception);
        }
        catch (HttpRequestException exception)
        {
            throw AwsErrorMapping.ToPortException("PutItem", exception);
        }
    }

    public ValueTask<BreakerUpdateResult> AddCountersAsync(BreakerCounterUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var expression = new UpdateExpressionBuilder(update.ExpectedVersion);
        expression.Add(BreakerItemAttributes.TotalFailures, BreakerItemAttributes.Number(update.Failures));
        expression.Add(BreakerItemAttributes.TotalSuccesses, BreakerItemAttributes.Number(update.Successes));
        if (update.InstanceId is not null && update.ContributionDelta != 0)
        {
            var delta = BreakerItemAttributes.Number(update.ContributionDelta);
            expression.Add(BreakerItemAttributes.FailureCount, delta);
            expression.AddToMapEntry(BreakerItemAttributes.InstanceFailures, update.InstanceId, delta);
        }

        if (update.ProbeClaims > 0)
        {
            expression.Add(BreakerItemAttributes.HalfOpenCalls, BreakerItemAttributes.Number(update.ProbeClaims));
            expression.Require(BreakerItemAttributes.State, new AttributeValue { S = "HALF_OPEN" });
            expression.RequireAtMost(BreakerItemAttributes.HalfOpenCalls, BreakerItemAttributes.Number(update.ProbeLimit - update.ProbeClaims));
        }

        if (update.LastFailureTime is { } lastFailure)
        {
            expression.Set(BreakerItemAttributes.LastFailureTime, BreakerItemAttributes.Number(lastFailure));
        }

        return UpdateAsync(update.ServiceName, expression, cancellationToken);
    }

    public ValueTask<BreakerUpdateResult> TryChangeStateAsync(BreakerStateChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var expression = new UpdateExpressionBuilder(change.ExpectedVersion);
        expression.Require(BreakerItemAttributes.State, new AttributeValue { S = change.From });
        expression.Set(BreakerItemAttributes.State, new AttributeValue { S = change.To });
        expression.Set(BreakerItemAttributes.Version, BreakerItemAttributes.Number(change.ExpectedVersion + 1));
        expression.Set(BreakerItemAttributes.UpdatedAt, BreakerItemAttributes.Number(change.UpdatedAt));
        expression.Set(BreakerItemAttributes.HalfOpenCalls, BreakerItemAttributes.Number(change.HalfOpenCalls));
        expression.Set(BreakerItemAttributes.FailureThreshold, BreakerItemAttributes.Number(change.FailureThreshold));
        expression.Set(BreakerItemAttributes.TimeoutSeconds, BreakerItemAttributes.Number(change.TimeoutSeconds));
        expression.Set(BreakerItemAttributes.HalfOpenMaxCalls, BreakerItemAttributes.Number(change.HalfOpenMaxCalls));
        if (change.LastFailureTime is { } lastFailure)
        {
            expression.Set(BreakerItemAttributes.LastFailureTime, BreakerItemAttributes.Number(lastFailure));
        }

        if (change.ResetFailures)
        {
            expression.Set(BreakerItemAttributes.FailureCount, BreakerItemAttributes.Number(0));
            expression.Set(BreakerItemAttributes.InstanceFailures, new AttributeValue { M = new Dictionary<string, AttributeValue>(StringComparer.Ordinal), IsMSet = true });
        }

        return UpdateAsync(change.ServiceName, expression, cancellationToken);
    }

    private async ValueTask<BreakerUpdateResult> UpdateAsync(string serviceName, UpdateExpressionBuilder expression, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        var request = new UpdateItemRequest
        {
            TableName = Name,
            Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [BreakerItemAttributes.ServiceName] = new AttributeValue { S = serviceName },
            },
            UpdateExpression = expression.UpdateExpression,
            ConditionExpression = expression.ConditionExpression,
            ExpressionAttributeNames = expression.Names,
            ExpressionAttributeValues = expression.Values,
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        return await AwsErrorMapping.Guard(
            "UpdateItem",
            async () =>
            {
                try
                {
                    var response = await _dynamoDb.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
                    return new BreakerUpdateResult(true, response.Attributes is { Count: > 0 } item ? BreakerItemAttributes.FromItem(item) : null);
                }
                catch (ConditionalCheckFailedException refused)
                {
                    return BreakerUpdateResult.Refused(refused.Item is { Count: > 0 } item ? BreakerItemAttributes.FromItem(item) : null);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }
}
