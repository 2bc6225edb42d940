using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// <see cref="IBreakerTable"/> on the document's DynamoDB table (hash key <c>service_name</c>).
/// Reads are strongly consistent so a read-modify-write sees the latest version; writes are
/// conditioned on the version read (<c>attribute_not_exists(service_name)</c> for a first write).
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
}
